using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// Where maintenance lives: rows in the message ledger's table (<c>FrontDoor:LedgerTableName</c>, the app's account,
/// shared by every region), apart from the ledger's own rows by their keys:
/// <list type="bullet">
/// <item><c>("maintenance", "window")</c>: the current or last window (<see cref="MaintenanceWindow"/>).</item>
/// <item><c>("maintenance-{window id}", SHA-256 of the user key)</c>: the notice to one user in that window: claimed by
/// one delivery for a while, then sent. Hashed: the row needs to tell users apart, not to name them.</item>
/// </list>
/// The ledger's daily prune removes these rows like its own once nobody wrote them for <c>FrontDoor:LedgerRetention</c>
/// (at least 8 days; a window lasts at most <c>Maintenance:MaxWindow</c>).
/// </summary>
public sealed class MaintenanceStore(StorageClients storage, IOptions<FrontDoorOptions> frontDoor, TimeProvider time)
{
    private const string WindowPartition = "maintenance";
    private const string WindowRow = "window";
    private const string NoticePartitionPrefix = "maintenance-";
    private const string IdField = "WindowId";
    private const string StartedAtField = "StartedAt";
    private const string UntilField = "Until";
    private const string MessageField = "Message";
    private const string StartedByField = "StartedBy";
    private const string StoppedAtField = "StoppedAt";
    private const string StoppedByField = "StoppedBy";
    private const string SentAtField = OnceClaim.SentAtField;

    private readonly TableClient table = storage.Tables.GetTableClient(frontDoor.Value.LedgerTableName);
    private readonly TimeSpan claimDuration = frontDoor.Value.ClaimDuration;

    /// <summary>Creates the table when it is missing (the CLI starts no host that would).</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => table.CreateIfNotExistsAsync(ct);

    /// <summary>The current or last window, or null when none was ever started (or the table does not exist yet).</summary>
    public async Task<MaintenanceWindow?> ReadAsync(CancellationToken ct) => WindowOf(await ReadRowAsync(ct).ConfigureAwait(false));

    /// <summary>
    /// Starts a window until <paramref name="until"/> with <paramref name="message"/>. While one is active, it is
    /// changed instead (new end and message, same id): users who already got its notice do not get another.
    /// </summary>
    /// <returns>The window as stored, and whether it is a new one.</returns>
    public async Task<(MaintenanceWindow Window, bool Created)> StartAsync(DateTimeOffset until, string message, string startedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(startedBy);
        MaintenanceWindow? before = null;
        var row = await table.ConditionalWriteAsync(WindowPartition, WindowRow, current =>
        {
            var now = time.GetUtcNow();
            before = WindowOf(current);
            return RowOf(before is not null && before.IsActiveAt(now)
                ? before with { Until = until, Message = message }
                : new MaintenanceWindow(NewId(now), now, until, message, startedBy));
        }, ct).ConfigureAwait(false);
        var window = WindowOf(row)!;
        return (window, window.Id != before?.Id);
    }

    /// <summary>Stops the active window now.</summary>
    /// <returns>The window as stopped, or null when none was active.</returns>
    public async Task<MaintenanceWindow?> StopAsync(string stoppedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stoppedBy);
        MaintenanceWindow? stopped = null;
        try
        {
            await table.ConditionalWriteAsync(WindowPartition, WindowRow, current =>
            {
                var now = time.GetUtcNow();
                stopped = WindowOf(current) is { } active && active.IsActiveAt(now) ? active with { StoppedAt = now, StoppedBy = stoppedBy } : null;
                return stopped is null ? null : RowOf(stopped);
            }, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // the table does not exist yet: no window was ever started
        }

        return stopped;
    }

    /// <summary>
    /// Claims the notice of <paramref name="windowId"/> to <paramref name="userKey"/> for this delivery
    /// (<paramref name="claimant"/>), for <c>FrontDoor:ClaimDuration</c>: false when it was sent, or another delivery
    /// (in this region or the other) holds the claim. A claim whose holder died lapses and can be taken over.
    /// </summary>
    public Task<bool> TryClaimNoticeAsync(string windowId, string userKey, string claimant, CancellationToken ct)
    {
        var (partition, rowKey) = NoticeKeys(windowId, userKey);
        return table.TryClaimAsync(partition, rowKey, claimant, time, claimDuration, ct);
    }

    /// <summary>Records the notice as sent (whoever holds the claim: sending is what counts).</summary>
    public Task MarkNoticeSentAsync(string windowId, string userKey, CancellationToken ct)
    {
        var (partition, rowKey) = NoticeKeys(windowId, userKey);
        return table.MarkDoneAsync(partition, rowKey, time, ct);
    }

    /// <summary>Gives the claim back after a failed send, so the user's next message (or its redelivery) tries again.</summary>
    public Task ReleaseNoticeAsync(string windowId, string userKey, string claimant, CancellationToken ct)
    {
        var (partition, rowKey) = NoticeKeys(windowId, userKey);
        return table.ReleaseAsync(partition, rowKey, claimant, deleteRow: true, ct);
    }

    /// <summary>True when the notice of <paramref name="windowId"/> to <paramref name="userKey"/> was sent.</summary>
    public async Task<bool> WasNoticeSentAsync(string windowId, string userKey, CancellationToken ct)
    {
        var (partition, rowKey) = NoticeKeys(windowId, userKey);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, [SentAtField], ct).ConfigureAwait(false);
        return read.HasValue && read.Value!.GetDateTimeOffset(SentAtField) is not null;
    }

    /// <summary>How many users got the notice of <paramref name="windowId"/> (one partition's rows).</summary>
    public async Task<long> CountNoticesSentAsync(string windowId, CancellationToken ct)
    {
        long count = 0;
        try
        {
            var rows = table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {NoticePartitionPrefix + windowId}"), select: [SentAtField], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (row.GetDateTimeOffset(SentAtField) is not null)
                {
                    count++;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nobody was told anything.
        }

        return count;
    }

    private async Task<TableEntity?> ReadRowAsync(CancellationToken ct)
    {
        try
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(WindowPartition, WindowRow, cancellationToken: ct).ConfigureAwait(false);
            return read.HasValue ? read.Value : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // the table does not exist yet: no window was ever started
        }
    }

    private static TableEntity RowOf(MaintenanceWindow window)
    {
        var row = new TableEntity(WindowPartition, WindowRow)
        {
            [IdField] = window.Id,
            [StartedAtField] = window.StartedAt,
            [UntilField] = window.Until,
            [MessageField] = window.Message,
            [StartedByField] = window.StartedBy,
        };
        if (window.StoppedAt is { } stoppedAt)
        {
            row[StoppedAtField] = stoppedAt;
            row[StoppedByField] = window.StoppedBy;
        }

        return row;
    }

    private static MaintenanceWindow? WindowOf(TableEntity? row) =>
        row?.GetString(IdField) is { } id
            ? new MaintenanceWindow(
                id,
                row.GetDateTimeOffset(StartedAtField) ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset(UntilField) ?? DateTimeOffset.MinValue,
                row.GetString(MessageField) ?? string.Empty,
                row.GetString(StartedByField) ?? string.Empty,
                row.GetDateTimeOffset(StoppedAtField),
                row.GetString(StoppedByField))
            : null;

    private static string NewId(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    private static (string Partition, string Row) NoticeKeys(string windowId, string userKey) =>
        (NoticePartitionPrefix + windowId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userKey))));
}

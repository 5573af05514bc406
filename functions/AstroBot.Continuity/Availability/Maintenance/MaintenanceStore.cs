using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Notices;
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
/// <item><c>("maintenance-{window id}", SHA-256 of the user key)</c>: the notice to one user in that window
/// (<see cref="Notices"/>).</item>
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

    private readonly TableClient table = storage.Tables.GetTableClient(frontDoor.Value.LedgerTableName);

    /// <summary>Who was told each window's notice: rows <c>("maintenance-{window id}", …)</c> of the same table.</summary>
    public NoticeClaims Notices { get; } = new(
        storage.Tables.GetTableClient(frontDoor.Value.LedgerTableName), NoticePartitionPrefix, frontDoor.Value.ClaimDuration, time);

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
                : new MaintenanceWindow(OccasionId.New(now), now, until, message, startedBy));
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

}

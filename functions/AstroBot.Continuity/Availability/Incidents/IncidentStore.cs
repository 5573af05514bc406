using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// Where incidents live: the table <c>Incidents:TableName</c> in the app's account (<see cref="StorageClients.Tables"/>),
/// shared by every region:
/// <list type="bullet">
/// <item><c>("incidents", "current")</c>: the open incident, or the last one. Every change is a conditional write of this
/// row, so two regions (or an operator and the probe) never open two incidents at once.</item>
/// <item><c>("incidents", "history-{inverted ticks of its opening}")</c>: every incident, newest first, written in the same
/// transaction as the current row; <c>NoticesPending</c> marks a resolved one whose users are still to be told.</item>
/// <item><c>("notify-{incident id}", SHA-256 of the user key)</c>: a user who wrote during the incident and the address to
/// tell them at (their user key and phone number or BSUID), until the notice is sent: then the row keeps only when
/// (<see cref="OnceClaim"/>).</item>
/// </list>
/// </summary>
public sealed class IncidentStore(StorageClients storage, IOptions<IncidentOptions> options, TimeProvider time)
{
    /// <summary>How long a notice's claim holds before another run may take it over.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    private const string Partition = "incidents";
    private const string CurrentRow = "current";
    private const string HistoryPrefix = "history-";
    private const string NoticePartitionPrefix = "notify-";
    private const string IdField = "IncidentId";
    private const string OpenedAtField = "OpenedAt";
    private const string OpenedByField = "OpenedBy";
    private const string MessageField = "Message";
    private const string UpdatedAtField = "UpdatedAt";
    private const string ResolvedAtField = "ResolvedAt";
    private const string ResolvedByField = "ResolvedBy";
    private const string ResolutionField = "Resolution";
    private const string FiringAlertsField = "FiringAlerts";
    private const string NoticesPendingField = "NoticesPending"; // also spelled out in PendingNoticesAsync's filter
    private const string UserKeyField = "UserKey";
    private const string PhoneField = "Phone";
    private const string BsuidField = "Bsuid";

    // A change loses a conditional write only to another change of the current row; a handful of rounds settles it.
    private const int MaxRounds = 8;

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.TableName);

    /// <summary>Creates the table when it is missing.</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => table.CreateIfNotExistsAsync(ct);

    /// <summary>The open incident, or the last one; null when none was ever opened (or the table does not exist yet).</summary>
    public async Task<Incident?> ReadCurrentAsync(CancellationToken ct)
    {
        try
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(Partition, CurrentRow, cancellationToken: ct).ConfigureAwait(false);
            return read.HasValue ? IncidentOf(read.Value) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the current incident, asks <paramref name="decide"/> what it becomes (null: nothing changes), and writes it,
    /// with its history row, only if nobody changed it in between (then decides again on what they wrote).
    /// </summary>
    /// <returns>The current incident before, and after (the same when nothing changed).</returns>
    public async Task<(Incident? Before, Incident? After)> ChangeAsync(Func<Incident?, Incident?> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        for (var round = 0; round < MaxRounds; round++)
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(Partition, CurrentRow, cancellationToken: ct).ConfigureAwait(false);
            var before = read.HasValue ? IncidentOf(read.Value) : null;
            if (decide(before) is not { } after)
            {
                return (before, before);
            }

            var current = RowOf(after, CurrentRow);
            var history = RowOf(after, HistoryRowOf(after));
            history[NoticesPendingField] = !after.IsOpen;
            TableTransactionAction write = read.HasValue
                ? new(TableTransactionActionType.UpdateReplace, current, read.Value!.ETag)
                : new(TableTransactionActionType.Add, current);
            try
            {
                await table.SubmitTransactionAsync([write, new(TableTransactionActionType.UpsertReplace, history)], ct).ConfigureAwait(false);
                return (before, after);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else changed the current incident first: decide again on what they wrote.
            }
        }

        throw new InvalidOperationException($"The current incident kept changing under {MaxRounds} conditional writes; try again.");
    }

    /// <summary>The last <paramref name="count"/> incidents, newest first (the open one among them).</summary>
    public async Task<IReadOnlyList<Incident>> RecentAsync(int count, CancellationToken ct)
    {
        var found = new List<Incident>(count);
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {HistoryPrefix} and RowKey lt {"history."}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Max(1, count), cancellationToken: ct).ConfigureAwait(false))
            {
                if (found.Count == count)
                {
                    break;
                }

                if (IncidentOf(row) is { } incident)
                {
                    found.Add(incident);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: no incident ever.
        }

        return found;
    }

    /// <summary>The resolved incidents whose users are still to be told (their history rows say so).</summary>
    public async Task<IReadOnlyList<Incident>> PendingNoticesAsync(CancellationToken ct)
    {
        var found = new List<Incident>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and NoticesPending eq {true}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            {
                if (IncidentOf(row) is { IsOpen: false } incident)
                {
                    found.Add(incident);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: nothing to tell.
        }

        return found;
    }

    /// <summary>Every user of <paramref name="incident"/> was told: its history row stops asking.</summary>
    public Task MarkNoticesDoneAsync(Incident incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return table.UpdateEntityAsync(
            new TableEntity(Partition, HistoryRowOf(incident)) { [NoticesPendingField] = false }, ETag.All, TableUpdateMode.Merge, ct);
    }

    /// <summary>Records that <paramref name="userKey"/> wrote during <paramref name="incidentId"/>, once (false when recorded already).</summary>
    public async Task<bool> RecordUserAsync(string incidentId, string userKey, MessageRecipient replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replyTo);
        var row = new TableEntity(NoticePartitionPrefix + incidentId, UserRowOf(userKey)) { [UserKeyField] = userKey };
        row[replyTo.Phone is null ? BsuidField : PhoneField] = replyTo.Value;
        try
        {
            await table.AddEntityAsync(row, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // recorded by an earlier message, in this region or the other
        }
    }

    /// <summary>Up to <paramref name="max"/> users of <paramref name="incidentId"/> not told yet and not being told now.</summary>
    public async Task<IReadOnlyList<IncidentUser>> UsersToTellAsync(string incidentId, int max, CancellationToken ct)
    {
        var found = new List<IncidentUser>();
        var now = time.GetUtcNow();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NoticePartitionPrefix + incidentId}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            {
                if (found.Count == max)
                {
                    break;
                }

                if (OnceClaim.IsFree(row, now) && UserOf(row) is { } user)
                {
                    found.Add(user);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: nobody.
        }

        return found;
    }

    /// <summary>How many users wrote during <paramref name="incidentId"/>, and how many of them were told it was resolved.</summary>
    public async Task<(long Recorded, long Told)> CountUsersAsync(string incidentId, CancellationToken ct)
    {
        long recorded = 0, told = 0;
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NoticePartitionPrefix + incidentId}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [OnceClaim.SentAtField], cancellationToken: ct).ConfigureAwait(false))
            {
                recorded++;
                told += OnceClaim.IsDone(row) ? 1 : 0;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: nobody.
        }

        return (recorded, told);
    }

    /// <summary>Claims the notice to <paramref name="user"/> for one run (<see cref="OnceClaim"/>).</summary>
    public Task<bool> TryClaimNoticeAsync(string incidentId, IncidentUser user, string claimant, CancellationToken ct) =>
        table.TryClaimAsync(NoticePartitionPrefix + incidentId, user.RowKey, claimant, time, ClaimDuration, ct);

    /// <summary>The notice was sent: the row forgets whom it was for.</summary>
    public Task MarkNoticeSentAsync(string incidentId, IncidentUser user, CancellationToken ct) =>
        table.MarkDoneAsync(NoticePartitionPrefix + incidentId, user.RowKey, time, ct);

    /// <summary>The notice could not be sent: the claim goes, the user stays to be told by the next run.</summary>
    public Task ReleaseNoticeAsync(string incidentId, IncidentUser user, string claimant, CancellationToken ct) =>
        table.ReleaseAsync(NoticePartitionPrefix + incidentId, user.RowKey, claimant, deleteRow: false, ct);

    /// <summary>A new incident's id at <paramref name="now"/>.</summary>
    public static string NewId(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    private static string HistoryRowOf(Incident incident) =>
        string.Create(CultureInfo.InvariantCulture, $"{HistoryPrefix}{DateTimeOffset.MaxValue.UtcTicks - incident.OpenedAt.UtcTicks:D19}");

    private static string UserRowOf(string userKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userKey)));

    private static IncidentUser? UserOf(TableEntity row)
    {
        var userKey = row.GetString(UserKeyField);
        var recipient = row.GetString(PhoneField) is { Length: > 0 } phone ? MessageRecipient.ToPhone(phone)
            : row.GetString(BsuidField) is { Length: > 0 } bsuid ? MessageRecipient.ToBsuid(bsuid)
            : null;
        return userKey is null || recipient is null ? null : new IncidentUser(row.RowKey, userKey, recipient);
    }

    private static TableEntity RowOf(Incident incident, string rowKey)
    {
        var row = new TableEntity(Partition, rowKey)
        {
            [IdField] = incident.Id,
            [OpenedAtField] = incident.OpenedAt,
            [OpenedByField] = incident.OpenedBy,
            [MessageField] = incident.Message,
            [UpdatedAtField] = incident.UpdatedAt,
            [FiringAlertsField] = string.Join('\n', incident.Alerts),
        };
        if (incident.ResolvedAt is { } resolvedAt)
        {
            row[ResolvedAtField] = resolvedAt;
            row[ResolvedByField] = incident.ResolvedBy;
            row[ResolutionField] = incident.Resolution;
        }

        return row;
    }

    private static Incident? IncidentOf(TableEntity? row) =>
        row?.GetString(IdField) is { } id
            ? new Incident(
                id,
                row.GetDateTimeOffset(OpenedAtField) ?? DateTimeOffset.MinValue,
                row.GetString(OpenedByField) ?? string.Empty,
                row.GetString(MessageField) ?? string.Empty,
                row.GetDateTimeOffset(UpdatedAtField) ?? row.GetDateTimeOffset(OpenedAtField) ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset(ResolvedAtField),
                row.GetString(ResolvedByField),
                row.GetString(ResolutionField),
                row.GetString(FiringAlertsField) is { Length: > 0 } alerts ? alerts.Split('\n') : null)
            : null;
}

/// <summary>A user who wrote during an incident and is to be told when it is resolved.</summary>
/// <param name="RowKey">Their row (the SHA-256 of the user key).</param>
/// <param name="UserKey">Their stable key: the ledger knows when they last wrote (WhatsApp's 24-hour window).</param>
/// <param name="ReplyTo">Where the notice goes.</param>
public sealed record IncidentUser(string RowKey, string UserKey, MessageRecipient ReplyTo);

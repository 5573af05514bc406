using System.Globalization;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// The probe records (<c>Availability:ProbeTableName</c>) in the account both regions share
/// (<see cref="StorageClients.Tables"/>), one row per probe run: partition key the UTC day of the send
/// (<c>yyyyMMdd</c>), so a month reads in at most 31 partition queries, and row key the probe's wamid. The prober
/// writes the row before it sends, the inbox that processes the webhook (in whichever region) adds its mark to that
/// row, and the prober completes it with what it measured. The inbox only ever updates an existing row, so a message
/// no probe sent writes nothing.
/// </summary>
public sealed class ProbeTable(StorageClients storage, IOptions<ProbeOptions> options)
{
    internal const string SentAtField = "SentAt";
    internal const string RegionField = "Region";
    internal const string CompletedField = "Completed";
    internal const string AcknowledgedField = "Acknowledged";
    internal const string StatusCodeField = "StatusCode";
    internal const string AcknowledgeMsField = "AcknowledgeMs";
    internal const string HandedOverField = "HandedOver";
    internal const string HandOverMsField = "HandOverMs";
    internal const string UpField = "Up";
    internal const string ErrorField = "Error";
    internal const string HandedOverAtField = "HandedOverAt";
    internal const string ProcessedRegionField = "ProcessedRegion";
    internal const string CanaryOfField = "CanaryOf";
    internal const string CanarySentAtField = "CanarySentAt";

    // A table string property holds 32K characters; an error text needs far less.
    private const int MaxErrorLength = 1024;

    // The mark loses a conditional write only to the prober's completion or a duplicate delivery; a few rounds settle it.
    private const int MaxMarkRounds = 8;

    // A table transaction holds at most 100 operations, all in one partition.
    private const int MaxTransactionRows = 100;

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.ProbeTableName);
    private volatile bool created;

    /// <summary>The table's client, for tests and the reader.</summary>
    internal TableClient Client => table;

    /// <summary>The partition key of records sent at <paramref name="at"/>: its UTC day, <c>yyyyMMdd</c>.</summary>
    public static string PartitionOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Creates the table when it is missing (once per process).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (!created)
        {
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            created = true;
        }
    }

    /// <summary>Writes the row of a probe run about to send <paramref name="wamid"/>: not completed yet.</summary>
    public async Task StartAsync(string wamid, DateTimeOffset sentAt, string region, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = new TableEntity(PartitionOf(sentAt), wamid)
        {
            [SentAtField] = sentAt,
            [RegionField] = region,
            [CompletedField] = false,
        };
        await table.AddEntityAsync(row, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the row of a failover drill's canary about to send <paramref name="wamid"/> (a probe wamid): the inbox marks
    /// it as it marks a probe run's, so the drill learns when and where each canary was processed. It has no
    /// <c>SentAt</c> or <c>Region</c>, so <see cref="ProbeRecordReader"/> leaves it out: canaries measure the drill, not
    /// the availability the SLA report and the incident rule read. Pruned with its day like every row.
    /// </summary>
    public async Task StartCanaryAsync(string wamid, DateTimeOffset sentAt, string drillId, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        await table.AddEntityAsync(new TableEntity(PartitionOf(sentAt), wamid) { [CanarySentAtField] = sentAt, [CanaryOfField] = drillId }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The inbox's mark: the probe's webhook <paramref name="wamid"/> was processed at <paramref name="at"/> in
    /// <paramref name="region"/>. Only an existing row is marked, and only once (the first delivery's mark stands).
    /// </summary>
    public async Task<ProbeMarkResult> MarkHandedOverAsync(string partition, string wamid, string region, DateTimeOffset at, CancellationToken ct)
    {
        for (var round = 0; round < MaxMarkRounds; round++)
        {
            NullableResponse<TableEntity> read;
            try
            {
                read = await table.GetEntityIfExistsAsync<TableEntity>(partition, wamid, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return ProbeMarkResult.UnknownRun; // no table: no probe ever ran
            }

            if (!read.HasValue)
            {
                return ProbeMarkResult.UnknownRun;
            }

            if (read.Value!.GetDateTimeOffset(HandedOverAtField) is not null)
            {
                return ProbeMarkResult.AlreadyMarked;
            }

            var mark = new TableEntity(partition, wamid) { [HandedOverAtField] = at, [ProcessedRegionField] = region };
            try
            {
                await table.UpdateEntityAsync(mark, read.Value.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
                return ProbeMarkResult.Recorded;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // The prober or another delivery wrote the row in between: look again.
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return ProbeMarkResult.UnknownRun;
            }
        }

        throw new InvalidOperationException($"The probe record kept changing under {MaxMarkRounds} conditional writes; the queue will retry.");
    }

    /// <summary>The inbox's mark on the run's row, or null when no inbox processed its webhook yet.</summary>
    public async Task<ProbeHandOver?> GetHandOverAsync(string wamid, DateTimeOffset sentAt, CancellationToken ct)
    {
        var read = await table.GetEntityIfExistsAsync<TableEntity>(
            PartitionOf(sentAt), wamid, [HandedOverAtField, ProcessedRegionField], ct).ConfigureAwait(false);
        return read.HasValue && read.Value!.GetDateTimeOffset(HandedOverAtField) is { } at
            ? new ProbeHandOver(at, read.Value.GetString(ProcessedRegionField))
            : null;
    }

    /// <summary>Completes the run's row with what the probe measured (merged: the inbox's mark stays).</summary>
    public async Task CompleteAsync(ProbeRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = new TableEntity(PartitionOf(record.SentAt), record.Wamid)
        {
            [SentAtField] = record.SentAt,
            [RegionField] = record.Region,
            [CompletedField] = true,
            [AcknowledgedField] = record.Acknowledged,
            [HandedOverField] = record.HandedOver,
            [UpField] = record.Up,
        };
        AddIfSet(row, StatusCodeField, record.StatusCode);
        AddIfSet(row, AcknowledgeMsField, record.AcknowledgeMilliseconds);
        AddIfSet(row, HandOverMsField, record.HandOverMilliseconds);
        AddIfSet(row, ErrorField, record.Error is { Length: > MaxErrorLength } error ? error[..MaxErrorLength] : record.Error);
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, ct).ConfigureAwait(false);
    }

    /// <summary>Every row of one day partition (<c>yyyyMMdd</c>); none when the table does not exist.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadDayAsync(string partition, CancellationToken ct)
    {
        var found = new List<TableEntity>();
        try
        {
            var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                found.Add(row);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: no probe ever ran.
        }

        return found;
    }

    /// <summary>
    /// Deletes every run of the UTC days before <paramref name="before"/>'s day (whole day partitions, so a day is kept
    /// whole or not at all), in transactions of up to 100 rows; returns how many rows went. None when the table does not exist.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        var deleted = 0;
        var batch = new List<TableTransactionAction>(MaxTransactionRows);
        try
        {
            var rows = table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey lt {PartitionOf(before)}"), select: ["PartitionKey", "RowKey"], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (batch.Count == MaxTransactionRows || (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey))
                {
                    deleted += await DeleteAsync(batch, ct).ConfigureAwait(false);
                }

                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            }

            return deleted + await DeleteAsync(batch, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && deleted == 0 && batch.Count == 0)
        {
            return 0; // No table: no probe ever ran.
        }
    }

    private async Task<int> DeleteAsync(List<TableTransactionAction> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    // Absent rather than null: a merge leaves what is absent alone, and readers take absent as not measured.
    private static void AddIfSet(TableEntity row, string field, object? value)
    {
        if (value is not null)
        {
            row[field] = value;
        }
    }
}

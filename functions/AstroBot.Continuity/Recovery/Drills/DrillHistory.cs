using System.Text.Json;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// The drill history: the table <c>Recovery:DrillTableName</c> in the app's account (<see cref="StorageClients.Tables"/>),
/// shared by both regions.
/// <list type="bullet">
/// <item><c>("drill", drill id)</c>: every drill's <see cref="DrillRecord"/> as JSON (<c>Record</c>), with its kind and
/// state as columns; ids sort by start.</item>
/// <item><c>("lock", "current")</c>: the drill under way, if any. Added only when absent, so two starts (two regions, the
/// schedule and an operator) never run two drills at once.</item>
/// </list>
/// </summary>
public sealed class DrillHistory(StorageClients storage, IOptions<RecoveryOptions> options)
{
    private const string DrillPartition = "drill";
    private const string LockPartition = "lock";
    private const string LockRow = "current";
    private const string RecordField = "Record";
    private const string DrillIdField = "DrillId";

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.DrillTableName);

    /// <summary>Takes the lock for <paramref name="drillId"/>: null when taken, else the id of the drill that holds it.</summary>
    public async Task<string?> TryLockAsync(string drillId, CancellationToken ct)
    {
        await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(LockPartition, LockRow) { [DrillIdField] = drillId }, ct).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var holder = await table.GetEntityIfExistsAsync<TableEntity>(LockPartition, LockRow, cancellationToken: ct).ConfigureAwait(false);
            // Released between the two calls: try once more rather than refuse.
            return holder.HasValue ? holder.Value!.GetString(DrillIdField) ?? "(unknown)" : await TryLockAsync(drillId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the lock if <paramref name="drillId"/> holds it (a lock another drill holds stays).</summary>
    public async Task UnlockAsync(string drillId, CancellationToken ct)
    {
        try
        {
            var holder = await table.GetEntityIfExistsAsync<TableEntity>(LockPartition, LockRow, cancellationToken: ct).ConfigureAwait(false);
            if (holder.HasValue && holder.Value!.GetString(DrillIdField) == drillId)
            {
                await table.DeleteEntityAsync(LockPartition, LockRow, holder.Value.ETag, ct).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or taken over after this drill was found abandoned.
        }
    }

    public async Task SaveAsync(DrillRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await table.UpsertEntityAsync(
            new TableEntity(DrillPartition, record.DrillId)
            {
                ["Kind"] = record.Kind.ToString(),
                ["State"] = record.State.ToString(),
                [RecordField] = JsonSerializer.Serialize(record, ApiJson.Options),
            },
            TableUpdateMode.Replace,
            ct).ConfigureAwait(false);
    }

    /// <summary>The drill, or null when there is no such drill (or no table yet).</summary>
    public async Task<DrillRecord?> FindAsync(string drillId, CancellationToken ct)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(DrillPartition, drillId, cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? RecordOf(row.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every drill, newest first (a drill a month and one a quarter: a scan is small).</summary>
    public async Task<IReadOnlyList<DrillRecord>> ListAsync(CancellationToken ct)
    {
        var found = new List<DrillRecord>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DrillPartition}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            {
                if (RecordOf(row) is { } record)
                {
                    found.Add(record);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: no drill ever.
        }

        found.Reverse();
        return found;
    }

    private static DrillRecord? RecordOf(TableEntity row) =>
        row.GetString(RecordField) is { } json ? JsonSerializer.Deserialize<DrillRecord>(json, ApiJson.Options) : null;
}

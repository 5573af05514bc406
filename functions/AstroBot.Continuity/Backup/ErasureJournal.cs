using Azure;
using Azure.Data.Tables;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// Every erasure, forever (invariant 4), in the geo-redundant backup account (<c>Backup:ErasureTableName</c>): a row per erased user, keyed by the user's pseudonymous reference (never
/// the phone number). Every restore reads it and leaves out what a user had before their erasure, so a restore never
/// brings it back, even from a backup taken before their key was destroyed; a user who comes back later starts
/// afresh, and backups taken after the erasure restore their new data.
/// </summary>
public sealed class ErasureJournal(BackupStorage storage, TimeProvider time)
{
    private const string Partition = "erasure";

    private TableClient Table => storage.Erasures;

    public async Task RecordAsync(string waId, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(Partition, UserReferences.For(waId)) { ["ErasedAt"] = time.GetUtcNow() };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the user was last erased, or null when they never were.</summary>
    public async Task<DateTimeOffset?> ErasedAtAsync(string waId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, UserReferences.For(waId), cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? row.Value!.GetDateTimeOffset("ErasedAt") ?? DateTimeOffset.MaxValue : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null; // No table yet: nobody was ever erased.
        }
    }

    /// <summary>Every erased user's reference and when they were erased (the latest time, if more than once).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LoadAsync(CancellationToken cancellationToken)
    {
        var erased = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(row => row.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                erased[row.RowKey] = row.GetDateTimeOffset("ErasedAt") ?? DateTimeOffset.MaxValue;
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table yet: nobody was ever erased.
        }

        return erased;
    }
}

using Azure;
using Azure.Data.Tables;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;

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
    private const string ErasedAtField = "ErasedAt";
    private const string KeyIdsField = "DestroyedKeyIds";

    private TableClient Table => storage.Erasures;

    /// <summary>
    /// Records (again) that the user is erased now, and the id of the key being destroyed, if any, on top of the ids
    /// recorded before: each backup keeps a copy of the user's wrapped key, and a restore never opens a block sealed
    /// under a key named here (<see cref="ErasureRecord"/>).
    /// </summary>
    public async Task RecordAsync(string waId, string? destroyedKeyId, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var reference = UserReferences.For(waId);
        var earlier = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, reference, [KeyIdsField], cancellationToken).ConfigureAwait(false);
        var keyIds = new SortedSet<string>(earlier.HasValue ? KeyIdsOf(earlier.Value!) : [], StringComparer.Ordinal);
        if (destroyedKeyId is not null)
        {
            keyIds.Add(destroyedKeyId);
        }

        var row = new TableEntity(Partition, reference) { [ErasedAtField] = time.GetUtcNow(), [KeyIdsField] = string.Join(' ', keyIds) };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the user was last erased, or null when they never were.</summary>
    public async Task<DateTimeOffset?> ErasedAtAsync(string waId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, UserReferences.For(waId), cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? ErasedAtOf(row.Value!) : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null; // No table yet: nobody was ever erased.
        }
    }

    /// <summary>The records of these users only (a few rows per request, <see cref="TableRowLookup"/>): what one restore step needs, instead of the whole journal.</summary>
    public async Task<IReadOnlyDictionary<string, ErasureRecord>> FindManyAsync(IReadOnlyCollection<string> userReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userReferences);
        // No table yet: nobody was ever erased, and the lookup finds no rows.
        var rows = await TableRowLookup.FindAsync(Table, userReferences.Select(reference => (Partition, reference)), select: null, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(row => row.RowKey, ToRecord, StringComparer.Ordinal);
    }

    /// <summary>Every erased user's reference and their record (the latest erasure time, if more than once).</summary>
    public async Task<IReadOnlyDictionary<string, ErasureRecord>> LoadAsync(CancellationToken cancellationToken)
    {
        var erased = new Dictionary<string, ErasureRecord>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(row => row.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                erased[row.RowKey] = ToRecord(row);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table yet: nobody was ever erased.
        }

        return erased;
    }

    private static ErasureRecord ToRecord(TableEntity row) =>
        new(ErasedAtOf(row), row.ContainsKey(KeyIdsField) ? new HashSet<string>(KeyIdsOf(row), StringComparer.Ordinal) : null);

    private static DateTimeOffset ErasedAtOf(TableEntity row) => row.GetDateTimeOffset(ErasedAtField) ?? DateTimeOffset.MaxValue;

    private static string[] KeyIdsOf(TableEntity row) =>
        (row.GetString(KeyIdsField) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

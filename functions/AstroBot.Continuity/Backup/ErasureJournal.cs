using Azure;
using Azure.Data.Tables;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// Every erasure, forever (invariant 4), in the geo-redundant backup account (<c>Backup:ErasureTableName</c>): a row per erased user, keyed by the user's pseudonymous reference (never
/// the phone number). Every restore reads it and leaves those users out, so a restore never brings one back, even
/// from a backup taken before their key was destroyed.
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

    /// <summary>The references of every erased user.</summary>
    public async Task<IReadOnlySet<string>> LoadAsync(CancellationToken cancellationToken)
    {
        var erased = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(row => row.PartitionKey == Partition, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                erased.Add(row.RowKey);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table yet: nobody was ever erased.
        }

        return erased;
    }
}

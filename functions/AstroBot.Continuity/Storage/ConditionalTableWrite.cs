using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Storage;

/// <summary>
/// Read-decide-write on one table row without losing a race: insert for a new row, ETag-matched replace otherwise, and a
/// lost race decides again on what the other writer wrote. The ledger's rows and the maintenance window's use it.
/// </summary>
public static class ConditionalTableWrite
{
    // A conditional write loses only to another writer of the same row; a handful of rounds settles any race.
    private const int MaxRounds = 8;

    /// <summary>
    /// Reads the row, asks <paramref name="next"/> for its replacement (null: keep it), and writes it only if nobody
    /// wrote in between.
    /// </summary>
    /// <returns>The row as it stands after the call (null only when it is absent and stays so).</returns>
    public static async Task<TableEntity?> ConditionalWriteAsync(
        this TableClient table, string partitionKey, string rowKey, Func<TableEntity?, TableEntity?> next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(next);
        for (var round = 0; round < MaxRounds; round++)
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct).ConfigureAwait(false);
            var current = read.HasValue ? read.Value : null;
            if (next(current) is not { } replacement)
            {
                return current;
            }

            try
            {
                if (current is null)
                {
                    await table.AddEntityAsync(replacement, ct).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateEntityAsync(replacement, current.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                }

                return replacement;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else wrote the row first: decide again on what they wrote.
            }
        }

        throw new InvalidOperationException($"The row {partitionKey}/{rowKey} of table {table.Name} kept changing under {MaxRounds} conditional writes; try again.");
    }
}

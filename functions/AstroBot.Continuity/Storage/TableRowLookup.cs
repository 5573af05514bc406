using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Storage;

/// <summary>
/// Many rows of one table read by key in few requests, instead of a point read each: a query names up to
/// <see cref="KeysPerQuery"/> row keys of one partition, ORed, and bounds them by the lowest and highest of them, so
/// the service need scan only that key range of the partition (ORed row keys alone are a scan of the whole partition).
/// </summary>
internal static class TableRowLookup
{
    // Azure allows 15 comparisons in a filter: the partition key, the two bounds and 12 row keys.
    private const int KeysPerQuery = 12;

    private const int QueryConcurrency = 16;

    /// <summary>The rows with these keys that exist; none when the table does not exist.</summary>
    /// <param name="select">The properties to return; name <see cref="TableEntity.RowKey"/> among them to tell the rows apart.</param>
    public static async Task<IReadOnlyList<TableEntity>> FindAsync(
        TableClient table, IEnumerable<(string PartitionKey, string RowKey)> keys, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keys);
        var filters = keys.Distinct()
            .GroupBy(key => key.PartitionKey, key => key.RowKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Order(StringComparer.Ordinal).Chunk(KeysPerQuery).Select(rows => Filter(partition.Key, rows)));
        var found = new List<TableEntity>();
        await Parallel.ForEachAsync(
            filters,
            new ParallelOptions { MaxDegreeOfParallelism = QueryConcurrency, CancellationToken = cancellationToken },
            async (filter, token) =>
            {
                try
                {
                    await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: token).ConfigureAwait(false))
                    {
                        lock (found)
                        {
                            found.Add(row);
                        }
                    }
                }
                catch (RequestFailedException exception) when (exception.Status == 404)
                {
                    // No table: no rows, as a point read of a missing table answers.
                }
            }).ConfigureAwait(false);
        return found;
    }

    private static string Filter(string partitionKey, string[] sortedRowKeys) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {sortedRowKeys[0]} and RowKey le {sortedRowKeys[^1]}")
        + " and (" + string.Join(" or ", sortedRowKeys.Select(rowKey => TableClient.CreateQueryFilter($"RowKey eq {rowKey}"))) + ")";
}

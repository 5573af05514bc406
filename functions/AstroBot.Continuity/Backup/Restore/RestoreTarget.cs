using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// The database a restore writes into, through the data plane: checked for existing items, written idempotently. It is
/// created beforehand by an <see cref="Targets.IRestoreTargetProvisioner"/>.
/// </summary>
public sealed class RestoreTarget(CosmosClient client, string database)
{
    private const int WriteConcurrency = 16;

    public string Database => database;

    /// <summary>The containers that already hold items (of <paramref name="waId"/> only, when given).</summary>
    public async Task<IReadOnlyList<string>> NonEmptyContainersAsync(IEnumerable<string> containers, string? waId, CancellationToken cancellationToken)
    {
        var nonEmpty = new List<string>();
        foreach (var name in containers)
        {
            var container = client.GetContainer(database, name);
            using var iterator = waId is null
                ? container.GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 1 })
                : container.GetItemQueryStreamIterator(
                    new QueryDefinition("SELECT c.id FROM c WHERE c.wa_id = @waId").WithParameter("@waId", waId),
                    null,
                    new QueryRequestOptions { MaxItemCount = 1, PartitionKey = new PartitionKey(waId) });
            using var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            if (page.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue;
            }

            page.EnsureSuccessStatusCode();
            if (int.TryParse(page.Headers["x-ms-item-count"], out var count) && count > 0)
            {
                nonEmpty.Add(name);
            }
        }

        return nonEmpty;
    }

    /// <summary>Upserts items (canonical JSON): running a step twice writes the same state.</summary>
    public async Task WriteAsync(string containerName, IReadOnlyList<byte[]> items, CancellationToken cancellationToken)
    {
        var container = client.GetContainer(database, containerName);
        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = WriteConcurrency, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                using var stream = new MemoryStream(item, writable: false);
                using var response = await container.UpsertItemStreamAsync(stream, PartitionKeyOf(item), cancellationToken: token).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }).ConfigureAwait(false);
    }

    private static PartitionKey PartitionKeyOf(byte[] item)
    {
        var reader = new System.Text.Json.Utf8JsonReader(item);
        using var document = System.Text.Json.JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("wa_id", out var waId) && waId.GetString() is { } value
            ? new PartitionKey(value)
            : PartitionKey.None;
    }
}

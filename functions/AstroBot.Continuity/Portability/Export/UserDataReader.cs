using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// Reads all of one user's items: one single-partition query per container (every container is partitioned by
/// <c>wa_id</c>), so it never touches another user's data.
/// </summary>
public sealed class UserDataReader(CosmosClient cosmos, IOptions<CosmosOptions> options)
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> ReadAsync(string waId, CancellationToken cancellationToken)
    {
        var containers = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var definition in BotDataModel.Containers)
        {
            containers[definition.Name] = await ReadContainerAsync(definition.Name, waId, cancellationToken).ConfigureAwait(false);
        }

        return containers;
    }

    private async Task<IReadOnlyList<JsonObject>> ReadContainerAsync(string name, string waId, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        // The emulator needs the partition key in the query text as well as in the options.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.wa_id = @waId").WithParameter("@waId", waId);
        using var iterator = cosmos.GetContainer(options.Value.DatabaseName, name).GetItemQueryStreamIterator(
            query, null, new QueryRequestOptions { PartitionKey = new PartitionKey(waId), MaxItemCount = 500 });
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.GetProperty("Documents").EnumerateArray())
            {
                // Canonical form: system properties dropped, keys sorted, so the same data always exports the same bytes.
                items.Add(JsonNode.Parse(CanonicalItem.From(item).Json)!.AsObject());
            }
        }

        return [.. items.OrderBy(item => (string?)item["id"], StringComparer.Ordinal)];
    }
}

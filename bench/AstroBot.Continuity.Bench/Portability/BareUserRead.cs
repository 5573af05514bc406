using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// The read half of an export's bare limit: all of one user's items, the export's own queries (<c>UserDataReader</c>:
/// one single-partition query per container, pages of 500), each page's stream drained into memory and nothing
/// else: no parsing, no canonical form, no audit trail, no archive.
/// </summary>
internal static class BareUserRead
{
    /// <summary><c>UserDataReader</c>'s page size.</summary>
    public const int PageSize = 500;

    /// <returns>The bytes of the pages read.</returns>
    public static async Task<long> RunAsync(CosmosClient client, string database, string waId, CancellationToken ct)
    {
        long bytes = 0;
        foreach (var definition in BotDataModel.Containers)
        {
            // The emulator needs the partition key in the query text as well as in the options, as the export does.
            var query = new QueryDefinition("SELECT * FROM c WHERE c.wa_id = @waId").WithParameter("@waId", waId);
            using var iterator = client.GetContainer(database, definition.Name).GetItemQueryStreamIterator(
                query, null, new QueryRequestOptions { PartitionKey = new PartitionKey(waId), MaxItemCount = PageSize });
            while (iterator.HasMoreResults)
            {
                using var page = await iterator.ReadNextAsync(ct).ConfigureAwait(false);
                page.EnsureSuccessStatusCode();
                using var body = new MemoryStream();
                await page.Content.CopyToAsync(body, ct).ConfigureAwait(false);
                bytes += body.Length;
            }
        }

        return bytes;
    }
}

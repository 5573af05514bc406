using System.Net;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>The run's own Cosmos DB databases, removed when it is done with them.</summary>
internal static class CosmosDatabases
{
    /// <summary>Deletes <paramref name="database"/> if it exists.</summary>
    public static async Task DropAsync(CosmosClient client, string database, CancellationToken ct)
    {
        try
        {
            await client.GetDatabase(database).DeleteAsync(cancellationToken: ct).ConfigureAwait(false);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            // Never created, or already gone.
        }
    }
}

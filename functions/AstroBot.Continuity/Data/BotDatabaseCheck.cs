using System.Net;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Data;

/// <summary>
/// Whether the configured bot database is there before an export, import or erasure uses it. None of them creates
/// a database: a mistyped <c>Cosmos:DatabaseName</c> is refused, not created (and in Azure the app's Entra identity
/// could not create one anyway).
/// </summary>
public static class BotDatabaseCheck
{
    /// <summary>Why the database cannot be used (a container of the bot's data is missing), or null when every one is there.</summary>
    public static async Task<string?> ProblemAsync(CosmosClient cosmos, string database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cosmos);
        foreach (var definition in BotDataModel.Containers)
        {
            using var response = await cosmos.GetContainer(database, definition.Name).ReadContainerStreamAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return $"Database '{database}' has no container '{definition.Name}'. Is Cosmos:DatabaseName right? " +
                       "The deployment (or, locally, continuity serve or continuity seed) creates the bot's database; exports, imports and erasures never do.";
            }

            response.EnsureSuccessStatusCode();
        }

        return null;
    }
}

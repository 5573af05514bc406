using System.Net;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>The configured bot database, checked before an export or an erasure reads it.</summary>
internal static class BotDatabase
{
    public static string Name(IServiceProvider services) => services.GetRequiredService<IOptions<CosmosOptions>>().Value.DatabaseName;

    /// <summary>
    /// Why the database cannot be used (a container of the bot's data is missing), or null when every one is there.
    /// Export and erase never create a database: a mistyped <c>Cosmos:DatabaseName</c> is refused, not created.
    /// </summary>
    public static async Task<string?> ProblemAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cosmos = services.GetRequiredService<CosmosClient>();
        var database = Name(services);
        foreach (var definition in BotDataModel.Containers)
        {
            using var response = await cosmos.GetContainer(database, definition.Name).ReadContainerStreamAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return $"Database '{database}' has no container '{definition.Name}'. Is Cosmos:DatabaseName right? " +
                       "The deployment (or continuity serve, or continuity seed, locally) creates the bot's database; export and erase never do.";
            }

            response.EnsureSuccessStatusCode();
        }

        return null;
    }
}

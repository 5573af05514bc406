using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>The configured bot database, checked before an export or an erasure reads it.</summary>
internal static class BotDatabase
{
    public static string Name(IServiceProvider services) => services.GetRequiredService<IOptions<CosmosOptions>>().Value.DatabaseName;

    /// <inheritdoc cref="BotDatabaseCheck.ProblemAsync"/>
    public static Task<string?> ProblemAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        BotDatabaseCheck.ProblemAsync(services.GetRequiredService<CosmosClient>(), Name(services), cancellationToken);
}

using AstroBot.Continuity.Hosting;
using Azure.Core;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bot's data access: <see cref="CosmosOptions"/> bound from the "Cosmos" section of
    /// <paramref name="configuration"/> and validated at start, the <see cref="CosmosClientFactory"/> (with the app's one
    /// credential of <c>AddContinuityAzureClients</c>), one shared <see cref="CosmosClient"/> and <see cref="CosmosReadiness"/>. The seed writer is not deployed: <c>AddSeedWriter</c> (AstroBot.Continuity.Local).
    /// </summary>
    public static IServiceCollection AddBotData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CosmosOptions>()
            .Bind(configuration.GetSection(CosmosOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddContinuityAzureClients();
        services.TryAddSingleton(provider => new CosmosClientFactory(
            provider.GetRequiredService<IOptions<CosmosOptions>>().Value, provider.GetRequiredService<TokenCredential>()));
        // One client per process: it owns connections and caches, and is meant to live as long as the app.
        services.TryAddSingleton(provider => provider.GetRequiredService<CosmosClientFactory>().Create());
        services.TryAddSingleton<CosmosReadiness>();
        return services;
    }
}

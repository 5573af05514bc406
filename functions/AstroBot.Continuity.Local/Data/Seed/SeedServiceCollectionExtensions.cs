using AstroBot.Continuity.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Local.Data.Seed;

public static class SeedServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="SeedWriter"/> of <c>continuity seed</c> and the local host: synthetic data for the emulator, never
    /// deployed. Call after <see cref="DataServiceCollectionExtensions.AddBotData"/>, whose Cosmos DB settings it writes to.
    /// </summary>
    public static IServiceCollection AddSeedWriter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SeedWriter>();
        return services;
    }
}

using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Recovery.ResourceManager;

public static class RecoveryResourceManagerServiceCollectionExtensions
{
    /// <summary>
    /// The drills' Resource Manager steps: options (section "Recovery:ResourceManager", validated when a drill first
    /// reads them, so a host that never runs one needs no setting), the account's regions, its failover, Front Door's
    /// origin priorities and the native restore, over the one <c>ArmClient</c> and <c>ArmRestClient</c> of
    /// <c>AddContinuityAzureClients</c> (one credential).
    /// </summary>
    public static IServiceCollection AddRecoveryResourceManager(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecoveryArmOptions>()
            .Bind(configuration.GetSection(RecoveryArmOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);
        services.AddContinuityAzureClients();
        services.TryAddSingleton<CosmosAccountRegions>();
        services.TryAddSingleton<CosmosFailover>();
        services.TryAddSingleton<FrontDoorOrigins>();
        services.TryAddSingleton<CosmosNativeRestore>();
        return services;
    }
}

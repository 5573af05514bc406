using AstroBot.Continuity.Recovery.Drills.Failover;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Recovery.Failover;

public static class AutoFailoverServiceCollectionExtensions
{
    /// <summary>
    /// The automated failover, for both hosts: <see cref="AutoFailoverOptions"/> (section <c>Recovery:AutoFailover</c>,
    /// validated on start), the decision log, the outage read from the probe's records, the switch, the starter and the routes.
    /// Cosmos DB's forced failover: none on the local topology (<see cref="NoForcedFailover"/>), <c>offlineRegion</c> through
    /// Resource Manager in Azure (<see cref="CosmosForcedFailover"/>); with no switch configured, the switch records that the
    /// database region must be taken offline by hand. Part of <c>AddRecovery</c>.
    /// </summary>
    internal static IServiceCollection AddAutoFailover(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AutoFailoverOptions>()
            .Bind(configuration.GetSection(AutoFailoverOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        switch (configuration.GetSection(FailoverDrillOptions.SectionName).Get<FailoverDrillOptions>()?.Switch)
        {
            case RegionSwitchKind.Local:
                services.AddSingleton<IForcedFailover, NoForcedFailover>();
                break;
            case RegionSwitchKind.ResourceManager:
                services.AddSingleton<IForcedFailover, CosmosForcedFailover>();
                break;
        }

        services.AddSingleton<FailoverDecisionLog>();
        services.AddSingleton<IRegionOutage, ProbeRegionOutage>();
        services.AddSingleton<IFailoverPathCheck, WebhookFailoverPathCheck>();
        services.AddSingleton<FailoverSwitch>();
        services.AddSingleton<AutoFailoverStarter>();
        services.AddSingleton<FailoverEndpoint>();
        return services;
    }
}

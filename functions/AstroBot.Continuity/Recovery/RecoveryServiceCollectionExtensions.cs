using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;
using AstroBot.Continuity.Recovery.Failover;
using AstroBot.Continuity.Recovery.Drills.Restore;
using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Recovery;

public static class RecoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers disaster recovery for both hosts: <see cref="RecoveryOptions"/> (section <c>Recovery</c>, validated on
    /// start), the drill history, the gate every start goes through, the drills' steps and clean-ups, the routes, and the
    /// Resource Manager steps the drills take in Azure (their settings validated only when a drill uses them). Needs the backups (<c>AddBackups</c>): the restore drill restores through them. The native backup drill
    /// runs only where <c>Recovery:ResourceManager</c> is set (in Azure); elsewhere it fails at its plan, saying so.
    /// </summary>
    public static IServiceCollection AddRecovery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RecoveryOptions>()
            .Bind(configuration.GetSection(RecoveryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<DrillHistory>();
        services.AddSingleton<DrillRecorder>();
        services.AddSingleton<DrillGate>();
        services.AddSingleton<DrillOrchestrations>();
        services.AddSingleton<DrillEndpoint>();
        services.AddSingleton<DrillReportEndpoint>();
        services.AddSingleton<RestoreDrill>();
        services.AddSingleton<IDrillCleanup, RestoreDrillCleanup>();
        services.AddOptions<NativeBackupDrillOptions>()
            .Bind(configuration.GetSection(NativeBackupDrillOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<NativeBackupDrill>();
        services.TryAddSingleton<IRestoredAccountData, CosmosRestoredAccountData>();
        services.AddSingleton<IDrillCleanup, NativeBackupDrillCleanup>();
        services.AddRecoveryResourceManager(configuration);
        services.AddFailoverDrill(configuration);
        services.AddAutoFailover(configuration);
        return services;
    }

    /// <summary>
    /// The failover drill: <see cref="FailoverDrillOptions"/> (section <c>Recovery:Failover</c>), its steps and clean-up,
    /// and the region switch <c>Recovery:Failover:Switch</c> names: the local front door's for <c>Local</c>, Cosmos DB's and
    /// Front Door's priorities through Resource Manager for <c>ResourceManager</c>, none for <c>None</c> (the drill then
    /// refuses, saying so). The replication lag comes from the host (<see cref="IReplicationLag"/>; the local host registers one).
    /// </summary>
    private static void AddFailoverDrill(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FailoverDrillOptions>()
            .Bind(configuration.GetSection(FailoverDrillOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(FailoverPreconditions.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        switch (configuration.GetSection(FailoverDrillOptions.SectionName).Get<FailoverDrillOptions>()?.Switch)
        {
            case RegionSwitchKind.Local:
                services.AddHttpClient(FrontDoorControlSwitch.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
                services.AddSingleton<IRegionSwitch, FrontDoorControlSwitch>();
                break;
            case RegionSwitchKind.ResourceManager:
                services.AddSingleton<IRegionSwitch, ResourceManagerRegionSwitch>();
                break;
        }

        services.AddSingleton<RegionSwitchChoice>();
        services.AddSingleton<CanaryWebhooks>();
        services.AddSingleton<WebhookPathVerifier>();
        services.AddSingleton<FailoverCanaries>();
        services.AddSingleton<RegionReadiness>();
        services.AddSingleton<FailoverPreconditions>();
        services.AddSingleton<FailoverDrill>();
        services.AddSingleton<IDrillCleanup, FailoverDrillCleanup>();
    }
}

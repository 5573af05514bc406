using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Backup.Jobs;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Backup.Retention;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>
    /// Backups: options (section "Backup", validated at start), the backup account (its clients of
    /// <c>AddContinuityAzureClients</c>), the catalog, runs (their steps, the in-process runner and the orchestration
    /// starter), verification, restore (its targets: <see cref="AddRestoreTargets"/>) and its Durable activities, the
    /// restore test, retention, health, and the scheduled jobs that run in an invocation (the backup, verification and
    /// restore-test schedules only start orchestrations: the Functions app's timers, and the local host's <c>AddLocalBackupSchedules</c>).
    /// Needs <c>AddBotData</c>, <c>AddContinuityStorage</c> and <c>AddContinuityCrypto</c>.
    /// </summary>
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>()
            .Bind(configuration.GetSection(BackupOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddContinuityAzureClients();
        services.TryAddSingleton<BackupStorage>();
        services.TryAddSingleton<BackupCatalog>();
        services.TryAddSingleton<BackupTelemetry>();
        services.TryAddSingleton<BackupCosmosClient>();
        services.TryAddSingleton<BackupRunSteps>();
        services.TryAddSingleton<BackupRunner>();
        services.TryAddSingleton<BackupOrchestrations>();
        services.TryAddSingleton<BackupArchives>();
        services.TryAddSingleton<BackupVerification>();
        services.TryAddSingleton<ErasureJournal>();
        services.AddRestoreTargets(configuration);
        services.TryAddSingleton<RestoreService>();
        services.TryAddTransient<PlanRestoreActivity>();
        services.TryAddTransient<RestoreStepActivity>();
        services.TryAddTransient<CompleteRestoreActivity>();
        services.TryAddSingleton<RestoreTester>();
        services.TryAddSingleton<BackupPruner>();
        services.TryAddSingleton<GeoReplication>();
        services.TryAddSingleton<BackupHealth>();
        services.TryAddSingleton<BackupStatusEndpoint>();
        foreach (var job in new[] { typeof(BackupPruneJob), typeof(BackupStatusJob) })
        {
            services.TryAddSingleton(job);
            services.AddSingleton(provider => (IScheduledJob)provider.GetRequiredService(job));
        }

        return services;
    }

    /// <summary>
    /// How restore targets are created and dropped (section "Backup:RestoreTarget", validated at start): the
    /// <see cref="IRestoreTargetProvisioner"/> the option chooses, the data plane by default, Resource Manager (its
    /// <c>ArmClient</c> from <c>AddContinuityAzureClients</c>) when set.
    /// </summary>
    private static void AddRestoreTargets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RestoreTargetOptions>()
            .Bind(configuration.GetSection(RestoreTargetOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RestoreTargetOptions>, RestoreTargetAccountValidation>());
        services.TryAddSingleton<DataPlaneRestoreTargets>();
        services.TryAddSingleton<ResourceManagerRestoreTargets>();
        services.TryAddSingleton<IRestoreTargetProvisioner>(provider =>
            provider.GetRequiredService<IOptions<RestoreTargetOptions>>().Value.UsesResourceManager
                ? provider.GetRequiredService<ResourceManagerRestoreTargets>()
                : provider.GetRequiredService<DataPlaneRestoreTargets>());
    }
}

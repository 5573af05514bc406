using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;
using AstroBot.Continuity.Recovery.Drills.Restore;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Recovery;

public static class LocalRecoveryServiceCollectionExtensions
{
    /// <summary>
    /// Local host only: the drill schedules (the Functions app's <c>RestoreDrill</c> and <c>FailoverDrill</c> timers; not
    /// <c>NativeBackupDrill</c>, which needs Resource Manager), each
    /// starting its drill's orchestration. Needs a <c>DurableTaskClient</c> in DI and <see cref="AddDrillTasks"/> registered
    /// with the in-process engine.
    /// </summary>
    public static IServiceCollection AddLocalDrillSchedules(this IServiceCollection services)
    {
        // Not the native backup drill: it needs Resource Manager, which the local host never has (Hosting/Schedules.cs).
        foreach (var kind in DrillKinds.All.Where(kind => kind != DrillKind.NativeBackup))
        {
            services.AddSingleton<IScheduledJob>(provider => new DrillScheduleJob(
                kind, provider.GetRequiredService<DrillOrchestrations>(), provider.GetRequiredService<DurableTaskClient>()));
        }

        return services;
    }

    /// <summary>Local host only: the failover drill's replication lag on the local topology, where nothing replicates (<see cref="SharedEmulatorReplicationLag"/>).</summary>
    public static IServiceCollection AddLocalReplicationLag(this IServiceCollection services) =>
        services.AddSingleton<IReplicationLag, SharedEmulatorReplicationLag>();

    /// <summary>
    /// The drill orchestrations and the automated failover, with their activities, for a host that runs the Durable Task engine itself, under their
    /// class names (the names the Functions app declares them with). The restore drill also needs the backup tasks
    /// (<c>AddBackupTasks</c>): the restore orchestration and the restore test's read-back.
    /// </summary>
    public static DurableTaskRegistry AddDrillTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        tasks.AddActivity<FailDrillActivity>();
        tasks.AddOrchestrator<RestoreDrillOrchestrator>();
        tasks.AddActivity<PlanRestoreDrillActivity>();
        tasks.AddActivity<CompareRestoreDrillSampleActivity>();
        tasks.AddActivity<CompleteRestoreDrillActivity>();
        tasks.AddOrchestrator<FailoverDrillOrchestrator>();
        tasks.AddActivity<CheckFailoverPreconditionsActivity>();
        tasks.AddActivity<SendFailoverCanariesActivity>();
        tasks.AddActivity<CheckWebhookPathActivity>();
        tasks.AddActivity<SetRegionOrderActivity>();
        tasks.AddActivity<StopFailoverCanariesActivity>();
        tasks.AddActivity<CompleteFailoverDrillActivity>();
        tasks.AddOrchestrator<NativeBackupDrillOrchestrator>();
        tasks.AddActivity<PlanNativeBackupDrillActivity>();
        tasks.AddActivity<StartNativeBackupRestoreActivity>();
        tasks.AddActivity<PollNativeBackupDrillActivity>();
        tasks.AddActivity<CompareNativeBackupSampleActivity>();
        tasks.AddActivity<CountNativeBackupItemsActivity>();
        tasks.AddActivity<StartNativeBackupDeleteActivity>();
        tasks.AddActivity<CompleteNativeBackupDrillActivity>();
        tasks.AddOrchestrator<AutoFailoverOrchestrator>();
        tasks.AddActivity<RecordFailoverDecisionActivity>();
        tasks.AddActivity<ReadRegionOutageActivity>();
        tasks.AddActivity<ReadLastFailoverSwitchActivity>();
        tasks.AddActivity<OpenFailoverIncidentActivity>();
        tasks.AddActivity<SwitchToSecondaryActivity>();
        tasks.AddActivity<VerifyFailoverPathActivity>();
        return tasks;
    }
}

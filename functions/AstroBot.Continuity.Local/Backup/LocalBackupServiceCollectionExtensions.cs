using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Backup;

public static class LocalBackupServiceCollectionExtensions
{
    /// <summary>
    /// Local host only: the full and incremental backup schedules (the Functions app's <c>BackupFull</c> and
    /// <c>BackupIncremental</c> timers), each starting <see cref="BackupOrchestrator"/>. Needs a <c>DurableTaskClient</c>
    /// in DI and <see cref="AddBackupTasks"/> registered with the in-process engine.
    /// </summary>
    public static IServiceCollection AddLocalBackupSchedules(this IServiceCollection services)
    {
        foreach (var (name, schedule, kind) in new[] { ("BackupFull", Schedules.BackupFull, BackupKind.Full), ("BackupIncremental", Schedules.BackupIncremental, BackupKind.Incremental) })
        {
            services.AddSingleton<IScheduledJob>(provider => new BackupOrchestrationJob(
                name, schedule, kind, provider.GetRequiredService<BackupOrchestrations>(), provider.GetRequiredService<DurableTaskClient>()));
        }

        return services;
    }

    /// <summary>
    /// The backup and restore orchestrations and their activities, for a host that runs the Durable Task engine itself,
    /// under their class names (the names the Functions app declares them with).
    /// </summary>
    public static DurableTaskRegistry AddBackupTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        tasks.AddOrchestrator<BackupOrchestrator>();
        tasks.AddActivity<PlanBackupActivity>();
        tasks.AddActivity<BackupSliceActivity>();
        tasks.AddActivity<CommitBackupActivity>();
        tasks.AddActivity<FailBackupActivity>();
        tasks.AddOrchestrator<RestoreOrchestrator>();
        tasks.AddActivity<PlanRestoreActivity>();
        tasks.AddActivity<CheckRestoreStepActivity>();
        tasks.AddActivity<BeginRestoreWritesActivity>();
        tasks.AddActivity<RestoreStepActivity>();
        tasks.AddActivity<CompleteRestoreActivity>();
        return tasks;
    }
}

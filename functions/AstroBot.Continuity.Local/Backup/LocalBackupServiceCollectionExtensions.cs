using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Backup;

public static class LocalBackupServiceCollectionExtensions
{
    /// <summary>
    /// Local host only: the full backup, incremental backup, verification and restore test schedules (the Functions
    /// app's <c>BackupFull</c>, <c>BackupIncremental</c>, <c>BackupVerify</c> and <c>BackupRestoreTest</c> timers), each starting its
    /// orchestration. Needs a <c>DurableTaskClient</c> in DI and <see cref="AddBackupTasks"/> registered with the
    /// in-process engine.
    /// </summary>
    public static IServiceCollection AddLocalBackupSchedules(this IServiceCollection services)
    {
        var schedules = new (string Name, ScheduleSetting Schedule, Func<BackupOrchestrations, DurableTaskClient, CancellationToken, Task> Start)[]
        {
            ("BackupFull", Schedules.BackupFull, (backups, client, token) => backups.StartBackupAsync(BackupKind.Full, client, token)),
            ("BackupIncremental", Schedules.BackupIncremental, (backups, client, token) => backups.StartBackupAsync(BackupKind.Incremental, client, token)),
            ("BackupVerify", Schedules.BackupVerify, (backups, client, token) => backups.StartVerifyAsync(client, token)),
            ("BackupRestoreTest", Schedules.BackupRestoreTest, (backups, client, token) => backups.StartRestoreTestAsync(client, token)),
        };
        foreach (var (name, schedule, start) in schedules)
        {
            services.AddSingleton<IScheduledJob>(provider => new BackupOrchestrationJob(
                name, schedule, start, provider.GetRequiredService<BackupOrchestrations>(), provider.GetRequiredService<DurableTaskClient>()));
        }

        return services;
    }

    /// <summary>
    /// The backup, verification, restore and restore-test orchestrations and their activities, for a host that runs the Durable Task engine itself,
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
        tasks.AddOrchestrator<BackupVerifyOrchestrator>();
        tasks.AddActivity<ListPendingVerificationsActivity>();
        tasks.AddActivity<DeepVerifySliceActivity>();
        tasks.AddActivity<RecordVerificationActivity>();
        tasks.AddOrchestrator<RestoreTestOrchestrator>();
        tasks.AddActivity<PlanRestoreTestActivity>();
        tasks.AddActivity<ReadBackRestoreTestActivity>();
        tasks.AddActivity<CompleteRestoreTestActivity>();
        return tasks;
    }
}

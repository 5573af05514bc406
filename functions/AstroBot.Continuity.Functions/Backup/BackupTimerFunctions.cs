using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Jobs;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>
/// The backup schedules as timer functions. The backups, the deep verification and the restore test only start their orchestration (a run
/// takes far longer than a function may); the others are thin calls into their jobs (the same jobs the local host's ScheduledJobRunner
/// runs). The timer's schedule monitor catches up an occurrence missed while the app was down.
/// </summary>
public sealed class BackupTimerFunctions(
    BackupOrchestrations backups, BackupPruneJob prune, BackupStatusJob status)
{
    [Function("BackupFull")]
    public Task FullAsync(
        [TimerTrigger(Schedules.BackupFullTrigger)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        backups.StartBackupAsync(BackupKind.Full, client, cancellationToken);

    [Function("BackupIncremental")]
    public Task IncrementalAsync(
        [TimerTrigger(Schedules.BackupIncrementalTrigger)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        backups.StartBackupAsync(BackupKind.Incremental, client, cancellationToken);

    [Function("BackupVerify")]
    public Task VerifyAsync(
        [TimerTrigger(Schedules.BackupVerifyTrigger)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        backups.StartVerifyAsync(client, cancellationToken);

    [Function("BackupRestoreTest")]
    public Task RestoreTestAsync(
        [TimerTrigger(Schedules.BackupRestoreTestTrigger)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        backups.StartRestoreTestAsync(client, cancellationToken);

    [Function("BackupPrune")]
    public Task PruneAsync([TimerTrigger(Schedules.BackupPruneTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        prune.RunAsync(cancellationToken);

    [Function("BackupStatus")]
    public Task StatusAsync([TimerTrigger(Schedules.BackupStatusTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        status.RunAsync(cancellationToken);
}

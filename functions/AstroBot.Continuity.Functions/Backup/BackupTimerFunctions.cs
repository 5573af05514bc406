using AstroBot.Continuity.Backup.Jobs;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>
/// The backup schedules as timer functions, each a thin call into its job (the same jobs the local host's
/// ScheduledJobRunner runs). The timer's schedule monitor catches up an occurrence missed while the app was down.
/// </summary>
public sealed class BackupTimerFunctions(
    FullBackupJob full, IncrementalBackupJob incremental, BackupVerifyJob verify, RestoreTestJob restoreTest, BackupPruneJob prune, BackupStatusJob status)
{
    [Function("BackupFull")]
    public Task FullAsync([TimerTrigger(Schedules.BackupFullTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        full.RunAsync(cancellationToken);

    [Function("BackupIncremental")]
    public Task IncrementalAsync([TimerTrigger(Schedules.BackupIncrementalTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        incremental.RunAsync(cancellationToken);

    [Function("BackupVerify")]
    public Task VerifyAsync([TimerTrigger(Schedules.BackupVerifyTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        verify.RunAsync(cancellationToken);

    [Function("BackupRestoreTest")]
    public Task RestoreTestAsync([TimerTrigger(Schedules.BackupRestoreTestTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        restoreTest.RunAsync(cancellationToken);

    [Function("BackupPrune")]
    public Task PruneAsync([TimerTrigger(Schedules.BackupPruneTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        prune.RunAsync(cancellationToken);

    [Function("BackupStatus")]
    public Task StatusAsync([TimerTrigger(Schedules.BackupStatusTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        status.RunAsync(cancellationToken);
}

using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>The daily full backup; a day missed while the host was down is caught up at the next start.</summary>
public sealed class FullBackupJob(BackupRunner runner) : IScheduledJob
{
    public string Name => "BackupFull";

    public ScheduleSetting Schedule => Schedules.BackupFull;

    public bool CatchUpMissedRun => true;

    public async Task RunAsync(CancellationToken cancellationToken) =>
        ThrowIfFailed(await runner.RunAsync(BackupKind.Full, progress: null, cancellationToken).ConfigureAwait(false));

    internal static void ThrowIfFailed(BackupRunResult result)
    {
        if (result.Outcome == BackupRunOutcome.Failed)
        {
            throw new BackupJobFailedException(result.Message);
        }
    }
}

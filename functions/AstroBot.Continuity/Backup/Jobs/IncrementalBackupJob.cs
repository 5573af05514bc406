using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>The change-feed backup every few minutes; a missed one is caught up at the next start (the feed keeps every change).</summary>
public sealed class IncrementalBackupJob(BackupRunner runner) : IScheduledJob
{
    public string Name => "BackupIncremental";

    public ScheduleSetting Schedule => Schedules.BackupIncremental;

    public bool CatchUpMissedRun => true;

    public async Task RunAsync(CancellationToken cancellationToken) =>
        FullBackupJob.ThrowIfFailed(await runner.RunAsync(BackupKind.Incremental, progress: null, cancellationToken).ConfigureAwait(false));
}

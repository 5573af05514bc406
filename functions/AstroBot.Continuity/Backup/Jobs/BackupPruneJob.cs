using AstroBot.Continuity.Backup.Retention;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>Daily retention pruning; a missed day waits for the next (nothing is lost by keeping a backup longer).</summary>
public sealed class BackupPruneJob(BackupPruner pruner) : IScheduledJob
{
    public string Name => "BackupPrune";

    public ScheduleSetting Schedule => Schedules.BackupPrune;

    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => pruner.PruneAsync(dryRun: false, cancellationToken);
}

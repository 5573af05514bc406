using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>Refreshes the backup-age and geo-lag gauges the alert rules watch (problems are logged by the check).</summary>
public sealed class BackupStatusJob(BackupHealth health) : IScheduledJob
{
    public string Name => "BackupStatus";

    public ScheduleSetting Schedule => Schedules.BackupStatus;

    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => health.CheckAsync(cancellationToken);
}

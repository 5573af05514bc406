using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>The weekly restore test of the newest full backup.</summary>
public sealed class RestoreTestJob(RestoreTester tester) : IScheduledJob
{
    public string Name => "BackupRestoreTest";

    public ScheduleSetting Schedule => Schedules.BackupRestoreTest;

    public bool CatchUpMissedRun => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await tester.RunAsync(progress: null, cancellationToken).ConfigureAwait(false);
        if (!report.Passed)
        {
            throw new BackupJobFailedException($"Restore test of backup {report.BackupId} {report.Summary}");
        }
    }
}

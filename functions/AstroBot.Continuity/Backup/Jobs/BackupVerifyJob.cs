using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>Daily deep verification of every backup not deep-verified yet.</summary>
public sealed class BackupVerifyJob(BackupVerification verification) : IScheduledJob
{
    public string Name => "BackupVerify";

    public ScheduleSetting Schedule => Schedules.BackupVerify;

    public bool CatchUpMissedRun => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failed = (await verification.VerifyPendingAsync(cancellationToken).ConfigureAwait(false)).Where(report => !report.IsValid).ToList();
        if (failed.Count > 0)
        {
            throw new BackupJobFailedException($"{failed.Count} backup(s) failed deep verification: {string.Join(" ", failed.Select(report => report.Problems[0]))}");
        }
    }
}

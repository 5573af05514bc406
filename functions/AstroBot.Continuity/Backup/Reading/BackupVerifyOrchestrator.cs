using AstroBot.Continuity.Backup.Jobs;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// The daily deep verification as a Durable orchestration of short steps (<see cref="BackupVerification"/>): the
/// backups not deep-verified yet, each checked in slices of at most <c>Backup:SliceDuration</c> carrying its progress,
/// then its result recorded. Backups that fail fail the orchestration, naming them, as the timer failed before.
/// </summary>
public sealed class BackupVerifyOrchestrator : TaskOrchestrator<string?, int>
{
    // A damaged backup is no failure of a step: the slices record it as a problem and go on.
    private static readonly TaskOptions Retried = ActivityRetry.Options(ActivityRetry.DefaultFirstInterval);

    public override Task<int> RunAsync(TaskOrchestrationContext context, string? input) => RunBodyAsync(context);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    /// <returns>How many backups were checked.</returns>
    public static async Task<int> RunBodyAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ListPendingVerificationsActivity), null, Retried).ConfigureAwait(true);
        var failed = new List<VerifyReport>();
        foreach (var backupId in pending)
        {
            var progress = DeepVerifyProgress.Start(backupId, fromSecondary: false);
            while (!progress.Done)
            {
                context.SetCustomStatus(new { backup_id = backupId, container = progress.Container, chunk = progress.Chunk });
                progress = await context.CallActivityAsync<DeepVerifyProgress>(nameof(DeepVerifySliceActivity), progress, Retried).ConfigureAwait(true);
            }

            var report = await context.CallActivityAsync<VerifyReport>(nameof(RecordVerificationActivity), progress, Retried).ConfigureAwait(true);
            if (!report.IsValid)
            {
                failed.Add(report);
            }
        }

        return failed.Count == 0
            ? pending.Count
            : throw new BackupJobFailedException($"{failed.Count} backup(s) failed deep verification: {string.Join(" ", failed.Select(report => report.Problems[0]))}");
    }
}

using AstroBot.Continuity.Backup.Jobs;
using AstroBot.Continuity.Backup.Restore;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.RestoreTest;

/// <summary>
/// The weekly restore test as a Durable orchestration of short steps (<see cref="RestoreTester"/>): plan, the restore
/// orchestration into the scratch database (a sub-orchestration, resumable by its restore id), each container read back
/// slice by slice, complete (compare, drop the scratch database, record). A test that does not pass fails the
/// orchestration with its summary, as the timer failed before, so monitoring sees it.
/// </summary>
public sealed class RestoreTestOrchestrator : TaskOrchestrator<string?, RestoreTestReport>
{
    // No full backup to test is final.
    private static readonly TaskOptions Retried = ActivityRetry.Options(ActivityRetry.DefaultFirstInterval, failure => failure.IsCausedBy<ArgumentException>());

    public override Task<RestoreTestReport> RunAsync(TaskOrchestrationContext context, string? input) => RunBodyAsync(context);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    /// <exception cref="BackupJobFailedException">The test ran and did not pass (recorded on the backup's catalog entry first).</exception>
    public static async Task<RestoreTestReport> RunBodyAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await context.CallActivityAsync<RestoreTestPlan>(nameof(PlanRestoreTestActivity), null, Retried).ConfigureAwait(true);
        RestoreOutcome? outcome = null;
        var checksums = new List<RestoredChecksum>();
        string? error = null;
        try
        {
            context.SetCustomStatus(new { phase = "restoring", backup_id = plan.BackupId, scratch_database = plan.ScratchDatabase });
            outcome = await context.CallSubOrchestratorAsync<RestoreOutcome>(
                nameof(RestoreOrchestrator), plan.Restore, new SubOrchestrationOptions { InstanceId = plan.RestoreId }).ConfigureAwait(true);
            context.SetCustomStatus(new { phase = "reading back", backup_id = plan.BackupId, scratch_database = plan.ScratchDatabase });
            foreach (var container in plan.Containers)
            {
                var checksum = RestoredChecksum.Start(plan.ScratchDatabase, container);
                while (!checksum.Done)
                {
                    checksum = await context.CallActivityAsync<RestoredChecksum>(nameof(ReadBackRestoreTestActivity), checksum, Retried).ConfigureAwait(true);
                }

                checksums.Add(checksum);
            }
        }
        catch (TaskFailedException exception)
        {
            error = exception.FailureDetails.ErrorMessage;
        }

        var report = await context.CallActivityAsync<RestoreTestReport>(
            nameof(CompleteRestoreTestActivity), new RestoreTestFindings(plan, outcome, checksums, error), Retried).ConfigureAwait(true);
        return report.Passed ? report : throw new BackupJobFailedException($"Restore test of backup {report.BackupId} {report.Summary}");
    }
}

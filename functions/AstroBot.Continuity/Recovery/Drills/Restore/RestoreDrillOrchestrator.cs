using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.RestoreTest;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills.Restore;

/// <summary>
/// The restore drill as a Durable orchestration of short steps (<see cref="RestoreDrill"/>): plan; the restore
/// orchestration into the scratch database (a sub-orchestration, resumable by its restore id); each container read
/// back slice by slice; a sample of live items compared; complete (check, measure, drop, record). Whatever fails, the
/// last step still runs, so the scratch database is dropped and the drill recorded as failed with its reason.
/// </summary>
public sealed class RestoreDrillOrchestrator : TaskOrchestrator<DrillStart, DrillRecord>
{
    // A drill with no backup, or a scratch database that exists, is final.
    private static readonly TaskOptions Retried = ActivityRetry.Options(ActivityRetry.DefaultFirstInterval, failure => failure.IsCausedBy<ArgumentException>());

    public override Task<DrillRecord> RunAsync(TaskOrchestrationContext context, DrillStart input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<DrillRecord> RunBodyAsync(TaskOrchestrationContext context, DrillStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var timeline = new DrillTimeline(context);
        RestoreDrillPlan plan;
        try
        {
            plan = await timeline.RunAsync(
                "plan", () => context.CallActivityAsync<RestoreDrillPlan>(nameof(PlanRestoreDrillActivity), input, Retried),
                planned => $"backups {string.Join(", ", planned.BackupIds)} into {planned.ScratchDatabase}").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            return await timeline.FailAsync(input.DrillId, exception, Retried).ConfigureAwait(true);
        }

        RestoreOutcome? outcome = null;
        var checksums = new List<RestoredChecksum>();
        var samples = new List<SampleComparison>();
        string? error = null;
        try
        {
            context.SetCustomStatus(new { phase = "restoring", drill_id = input.DrillId, scratch_database = plan.ScratchDatabase });
            outcome = await timeline.RunAsync(
                "restore the newest backup chain",
                () => context.CallSubOrchestratorAsync<RestoreOutcome>(nameof(RestoreOrchestrator), plan.Restore, new SubOrchestrationOptions { InstanceId = plan.RestoreId }),
                restored => $"{restored.ItemsWritten} items written, {restored.ShreddedItems} shredded; consistent as of {restored.ConsistentAt:u}").ConfigureAwait(true);
            context.SetCustomStatus(new { phase = "verifying", drill_id = input.DrillId, scratch_database = plan.ScratchDatabase });
            await timeline.RunAsync("read the restored data back", async () =>
            {
                foreach (var container in plan.Containers)
                {
                    var checksum = RestoredChecksum.Start(plan.ScratchDatabase, container);
                    while (!checksum.Done)
                    {
                        checksum = await context.CallActivityAsync<RestoredChecksum>(nameof(ReadBackRestoreTestActivity), checksum, Retried).ConfigureAwait(true);
                    }

                    checksums.Add(checksum);
                }

                return checksums.Sum(checksum => checksum.Count);
            }, count => $"{count} items").ConfigureAwait(true);
            await timeline.RunAsync("compare a sample with the live data", async () =>
            {
                foreach (var container in plan.Containers)
                {
                    samples.Add(await context.CallActivityAsync<SampleComparison>(
                        nameof(CompareRestoreDrillSampleActivity), new SampleRequest(plan.ScratchDatabase, container, plan.CapturedBefore), Retried).ConfigureAwait(true));
                }

                return samples;
            }, compared => $"{compared.Sum(sample => sample.Compared)} live items compared, {compared.Sum(sample => sample.Differing)} differ").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            error = exception.FailureDetails.ErrorMessage;
        }

        return await context.CallActivityAsync<DrillRecord>(
            nameof(CompleteRestoreDrillActivity), new RestoreDrillFindings(plan, outcome, checksums, samples, timeline.Steps, error), Retried).ConfigureAwait(true);
    }
}

using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>
/// The native backup drill as a Durable orchestration of short steps (<see cref="NativeBackupDrill"/>): plan; start the
/// restore into a new account; poll it on a durable timer until it ends or <c>Recovery:NativeBackupDrill:Timeout</c>;
/// compare a sample and count each container; delete the account the same way; complete. Whatever fails after the
/// restore was sent, the account is still deleted and the drill recorded as failed with its reason; a restore Resource
/// Manager refused created nothing to delete.
/// </summary>
public sealed class NativeBackupDrillOrchestrator : TaskOrchestrator<DrillStart, DrillRecord>
{
    // Not configured, and Resource Manager's refusals (a missing role, a conflict, a failed operation), are final.
    private static readonly TaskOptions Retried = ActivityRetry.Options(
        ActivityRetry.DefaultFirstInterval, failure => failure.IsCausedBy<ArgumentException>() || failure.IsCausedBy<RecoveryArmException>());

    public override Task<DrillRecord> RunAsync(TaskOrchestrationContext context, DrillStart input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<DrillRecord> RunBodyAsync(TaskOrchestrationContext context, DrillStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var timeline = new DrillTimeline(context);
        NativeBackupDrillPlan plan;
        try
        {
            plan = await timeline.RunAsync(
                "plan", () => context.CallActivityAsync<NativeBackupDrillPlan>(nameof(PlanNativeBackupDrillActivity), input, Retried),
                planned => $"restore as of {planned.RestorePoint:u} into new account {planned.Account}").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            return await timeline.FailAsync(input.DrillId, exception, Retried).ConfigureAwait(true);
        }

        var samples = new List<SampleComparison>();
        var counts = new List<RestoredCount>();
        DateTimeOffset? verifiedAt = null;
        string? error = null;
        var accountMayExist = true;
        try
        {
            context.SetCustomStatus(new { phase = "restoring", drill_id = input.DrillId, account = plan.Account });
            ArmOperationState started;
            try
            {
                started = await timeline.RunAsync(
                    "start the restore", () => context.CallActivityAsync<ArmOperationState>(nameof(StartNativeBackupRestoreActivity), plan, Retried),
                    state => $"Azure says {state.Status}").ConfigureAwait(true);
            }
            catch (TaskFailedException refused) when (refused.FailureDetails.IsCausedBy<RecoveryArmException>())
            {
                accountMayExist = false; // refused before anything was created
                throw;
            }

            await timeline.RunAsync("restore into the new account", () => FollowAsync(context, plan, started, "restore"), state => $"Azure says {state.Status}").ConfigureAwait(true);
            context.SetCustomStatus(new { phase = "verifying", drill_id = input.DrillId, account = plan.Account });
            await timeline.RunAsync("compare a sample with the live data", async () =>
            {
                foreach (var container in plan.Containers)
                {
                    samples.Add(await context.CallActivityAsync<SampleComparison>(
                        nameof(CompareNativeBackupSampleActivity), Request(plan, container), Retried).ConfigureAwait(true));
                }

                return samples;
            }, compared => $"{compared.Sum(sample => sample.Compared)} live items compared, {compared.Sum(sample => sample.Differing)} differ").ConfigureAwait(true);
            await timeline.RunAsync("count the restored items", async () =>
            {
                foreach (var container in plan.Containers)
                {
                    var count = RestoredCount.Start(Request(plan, container));
                    while (!count.Done)
                    {
                        count = await context.CallActivityAsync<RestoredCount>(nameof(CountNativeBackupItemsActivity), count, Retried).ConfigureAwait(true);
                    }

                    counts.Add(count);
                }

                return counts.Sum(count => count.Count);
            }, total => $"{total} items").ConfigureAwait(true);
            verifiedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        }
        catch (TaskFailedException exception)
        {
            error = exception.FailureDetails.ErrorMessage;
        }

        var deleteError = accountMayExist ? await DeleteAsync(context, timeline, plan).ConfigureAwait(true) : null;
        return await context.CallActivityAsync<DrillRecord>(
            nameof(CompleteNativeBackupDrillActivity), new NativeBackupDrillFindings(plan, verifiedAt, samples, counts, timeline.Steps, error, deleteError), Retried).ConfigureAwait(true);
    }

    /// <summary>Deletes the restored account and follows the deletion to its end; why not, when it was not.</summary>
    private static async Task<string?> DeleteAsync(TaskOrchestrationContext context, DrillTimeline timeline, NativeBackupDrillPlan plan)
    {
        context.SetCustomStatus(new { phase = "deleting", drill_id = plan.DrillId, account = plan.Account });
        try
        {
            await timeline.RunAsync("delete the restored account", async () =>
            {
                var started = await context.CallActivityAsync<ArmOperationState>(nameof(StartNativeBackupDeleteActivity), plan, Retried).ConfigureAwait(true);
                return await FollowAsync(context, plan, started, "deletion").ConfigureAwait(true);
            }, _ => plan.Account).ConfigureAwait(true);
            return null;
        }
        catch (TaskFailedException exception)
        {
            return $"The restored account '{plan.Account}' was not deleted (delete it by hand: it is billed while it exists): {exception.FailureDetails.ErrorMessage}";
        }
    }

    /// <summary>
    /// Polls an operation on a durable timer (the plan's interval, or Azure's longer <c>Retry-After</c>) until it ends;
    /// past the plan's timeout it fails as a step would, so the timeline records it.
    /// </summary>
    private static async Task<ArmOperationState> FollowAsync(TaskOrchestrationContext context, NativeBackupDrillPlan plan, ArmOperationState state, string what)
    {
        var deadline = context.CurrentUtcDateTime + plan.Timeout;
        while (!state.Completed && state.Link is { } link)
        {
            var wait = state.RetryAfter is { } asked && asked > plan.PollInterval ? asked : plan.PollInterval;
            if (context.CurrentUtcDateTime + wait > deadline)
            {
                throw new TaskFailedException(nameof(PollNativeBackupDrillActivity), -1, new TimeoutException(
                    $"The {what} of account '{plan.Account}' had not ended after {plan.Timeout} (Recovery:NativeBackupDrill:Timeout); Azure last said {state.Status}."));
            }

            await context.CreateTimer(wait, CancellationToken.None).ConfigureAwait(true);
            state = await context.CallActivityAsync<ArmOperationState>(nameof(PollNativeBackupDrillActivity), link, Retried).ConfigureAwait(true);
        }

        return state;
    }

    private static RestoredContainerRequest Request(NativeBackupDrillPlan plan, string container) => new(plan.Account, plan.Database, container, plan.RestorePoint);
}

using AstroBot.Continuity.Backup.Format;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// The restore as a Durable orchestration of short, recorded activities: plan, check every chunk, begin writing,
/// restore every chunk (a full backup's chunks a few at a time in any order, an incremental's in order, backups in
/// order so later versions land last), complete. Activities pass ids and counts, never plans, so the history stays
/// small at any size; each is retried on transient failures, and a step that keeps failing fails the restore naming
/// it, to be resumed under the same restore id.
/// </summary>
public sealed class RestoreOrchestrator : TaskOrchestrator<RestoreRequest, RestoreOutcome>
{
    // Before the plan says otherwise (Backup:RetryInterval): the plan activity's own retries.
    private static readonly TaskOptions PlanRetried = Retried(ActivityRetry.DefaultFirstInterval);

    public override Task<RestoreOutcome> RunAsync(TaskOrchestrationContext context, RestoreRequest input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<RestoreOutcome> RunBodyAsync(TaskOrchestrationContext context, RestoreRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = await context.CallActivityAsync<RestoreStart>(nameof(PlanRestoreActivity), input, PlanRetried).ConfigureAwait(true);
        var retried = Retried(start.FirstRetryInterval);
        context.SetCustomStatus(new { phase = "checking", steps = start.StepCount });
        var all = Enumerable.Range(0, start.StepCount).ToList();
        await RunStepsAsync(context, start, all, start.Parallelism, nameof(CheckRestoreStepActivity), retried).ConfigureAwait(true);
        await context.CallActivityAsync<bool>(nameof(BeginRestoreWritesActivity), start.RestoreId, retried).ConfigureAwait(true);
        var done = 0;
        context.SetCustomStatus(new { phase = "writing", steps_done = done, steps = start.StepCount });
        foreach (var batch in start.Batches)
        {
            var steps = Enumerable.Range(batch.FirstStep, batch.StepCount).ToList();
            await RunStepsAsync(context, start, steps, batch.InOrder ? 1 : start.Parallelism, nameof(RestoreStepActivity), retried).ConfigureAwait(true);
            done += batch.StepCount;
            context.SetCustomStatus(new { phase = "writing", steps_done = done, steps = start.StepCount });
        }

        return await context.CallActivityAsync<RestoreOutcome>(nameof(CompleteRestoreActivity), start.RestoreId, retried).ConfigureAwait(true);
    }

    /// <summary>A refusal or a damaged backup is final.</summary>
    private static TaskOptions Retried(TimeSpan firstRetryInterval) => ActivityRetry.Options(
        firstRetryInterval, failure => failure.IsCausedBy<RestoreRefusedException>() || failure.IsCausedBy<BackupIntegrityException>());

    /// <summary>Runs the activity for each step, at most <paramref name="parallelism"/> at once, in step order when that is 1.</summary>
    private static async Task RunStepsAsync(
        TaskOrchestrationContext context, RestoreStart start, IReadOnlyList<int> steps, int parallelism, string activity, TaskOptions retried)
    {
        var running = new List<Task>();
        foreach (var step in steps)
        {
            if (running.Count >= parallelism)
            {
                var finished = await Task.WhenAny(running).ConfigureAwait(true);
                running.Remove(finished);
                await finished.ConfigureAwait(true);
            }

            running.Add(CallStepAsync(context, start.RestoreId, step, activity, retried));
        }

        await Task.WhenAll(running).ConfigureAwait(true);
    }

    private static async Task CallStepAsync(TaskOrchestrationContext context, string restoreId, int step, string activity, TaskOptions retried)
    {
        try
        {
            await context.CallActivityAsync(activity, new RestoreStepRef(restoreId, step), retried).ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            throw new RestoreStepFailedException(restoreId, step, activity, exception.FailureDetails.ErrorMessage, exception);
        }
    }
}

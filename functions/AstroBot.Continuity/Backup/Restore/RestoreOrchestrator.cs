using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// The restore as a Durable orchestration: plan, then each backup's chunks (in parallel within a backup, backups
/// in order so later versions land last), then complete. Replay skips finished activities after a crash, and each
/// step also checks <see cref="RestoreProgress"/>, so a restarted restore resumes rather than repeats.
/// </summary>
public sealed class RestoreOrchestrator : TaskOrchestrator<RestoreRequest, RestoreOutcome>
{
    public override Task<RestoreOutcome> RunAsync(TaskOrchestrationContext context, RestoreRequest input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<RestoreOutcome> RunBodyAsync(TaskOrchestrationContext context, RestoreRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await context.CallActivityAsync<RestorePlan>(nameof(PlanRestoreActivity), input).ConfigureAwait(true);
        var results = new List<RestoreStepResult>();
        foreach (var backupId in plan.BackupIds)
        {
            var steps = plan.Steps.Where(step => step.BackupId == backupId).ToList();
            if (new BackupId(backupId).Kind == BackupKind.Full)
            {
                // A full backup holds each item once: its chunks can land in any order.
                results.AddRange(await Task.WhenAll(steps.Select(step =>
                    context.CallActivityAsync<RestoreStepResult>(nameof(RestoreStepActivity), new RestoreStepInput(plan, step)))).ConfigureAwait(true));
            }
            else
            {
                // An incremental can hold an item in two chunks (changed again while read): the later chunk must land last.
                foreach (var step in steps)
                {
                    results.Add(await context.CallActivityAsync<RestoreStepResult>(nameof(RestoreStepActivity), new RestoreStepInput(plan, step)).ConfigureAwait(true));
                }
            }

            context.SetCustomStatus(new { steps_done = results.Count, steps = plan.Steps.Count });
        }

        return await context.CallActivityAsync<RestoreOutcome>(nameof(CompleteRestoreActivity), new CompleteRestoreInput(plan, results)).ConfigureAwait(true);
    }
}

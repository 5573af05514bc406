using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// A backup run as a Durable orchestration of short, recorded activities (<see cref="BackupRunSteps"/>): plan, then
/// each container, its feed ranges side by side, slice by slice until read to its end, then commit; an activity that keeps failing fails the run,
/// which removes its files while it still holds the lease. Activities pass ids and positions, never items, so the
/// history stays small at any size; transient failures are retried, a lost lease or a damaged parent is not.
/// </summary>
public sealed class BackupOrchestrator : TaskOrchestrator<BackupKind, BackupRunResult>
{
    // Before the plan says otherwise (Backup:RetryInterval): the plan activity's own retries.
    private static readonly TaskOptions PlanRetried = Retried(ActivityRetry.DefaultFirstInterval);

    public override Task<BackupRunResult> RunAsync(TaskOrchestrationContext context, BackupKind input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<BackupRunResult> RunBodyAsync(TaskOrchestrationContext context, BackupKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The run's own lease id, the same at every replay: each activity takes the database's lease under it.
        var leaseId = context.NewGuid().ToString();
        var plan = await context.CallActivityAsync<BackupRunPlan>(nameof(PlanBackupActivity), new BackupRunRequest(kind, leaseId), PlanRetried).ConfigureAwait(true);
        if (plan.Ended is { } ended)
        {
            return ended;
        }

        var run = new BackupRunRef(plan.BackupId!, leaseId);
        var retried = Retried(plan.FirstRetryInterval);
        try
        {
            foreach (var container in plan.Containers)
            {
                await ReadContainerAsync(context, run, container, plan.ParallelRanges, retried).ConfigureAwait(true);
            }

            return await context.CallActivityAsync<BackupRunResult>(nameof(CommitBackupActivity), run, retried).ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            var failure = BackupRunFailure.Of(run, exception.FailureDetails.ErrorType, exception.FailureDetails.ErrorMessage);
            return await context.CallActivityAsync<BackupRunResult>(nameof(FailBackupActivity), failure, retried).ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Reads the container's parts, <paramref name="parallelRanges"/> at once, each slice by slice to its end. When one
    /// fails the others stop after their current slice, and the first failure is thrown once none is running, so the
    /// run's files are never removed under a slice still writing them.
    /// </summary>
    private static async Task ReadContainerAsync(
        TaskOrchestrationContext context, BackupRunRef run, PlannedContainer container, int parallelRanges, TaskOptions retried)
    {
        TaskFailedException? failed = null;
        for (var first = 0; first < container.Ranges && failed is null; first += parallelRanges)
        {
            var wave = Enumerable.Range(first, Math.Min(parallelRanges, container.Ranges - first)).Select(ReadPartAsync).ToList();
            await Task.WhenAll(wave).ConfigureAwait(true);
        }

        if (failed is not null)
        {
            throw failed;
        }

        async Task ReadPartAsync(int range)
        {
            try
            {
                BackupSliceResult slice;
                do
                {
                    slice = await context.CallActivityAsync<BackupSliceResult>(
                        nameof(BackupSliceActivity), new BackupSliceRef(run.BackupId, container.Name, range, run.LeaseId), retried).ConfigureAwait(true);
                    context.SetCustomStatus(new { backup_id = run.BackupId, container = container.Name, range, items = slice.Items });
                }
                while (!slice.Done && failed is null);
            }
            catch (TaskFailedException exception)
            {
                failed ??= exception;
            }
        }
    }

    /// <summary>A lost lease, a damaged parent backup or a missing key is final.</summary>
    private static TaskOptions Retried(TimeSpan firstRetryInterval) => ActivityRetry.Options(
        firstRetryInterval,
        failure => failure.IsCausedBy<BackupLeaseLostException>() || failure.IsCausedBy<BackupIntegrityException>() || failure.IsCausedBy<KeyRingException>());
}

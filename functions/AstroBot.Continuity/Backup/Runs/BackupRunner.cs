namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Runs one backup in this process, through the same steps as the Durable orchestration (<see cref="BackupRunSteps"/>):
/// for <c>continuity backup run</c>, tests and benchmarks. A run stopped part-way (killed, or cancelled by the caller)
/// is resumed by the next start of the same kind; one that failed is marked failed and its files removed.
/// </summary>
public sealed class BackupRunner(BackupRunSteps steps)
{
    /// <summary>One backup now; ended at once when another run holds the lease (the next start runs).</summary>
    public Task<BackupRunResult> RunAsync(BackupKind kind, IProgress<BackupProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(kind, progress, waitForLease: null, cancellationToken);

    /// <summary>One backup now.</summary>
    /// <param name="waitForLease">See <see cref="BackupRunSteps.PlanAsync"/>.</param>
    public async Task<BackupRunResult> RunAsync(
        BackupKind kind, IProgress<BackupProgress>? progress, Action<BackupLeaseWait>? waitForLease, CancellationToken cancellationToken)
    {
        var leaseId = Guid.NewGuid().ToString();
        var plan = await steps.PlanAsync(new BackupRunRequest(kind, leaseId), waitForLease, cancellationToken).ConfigureAwait(false);
        if (plan.Ended is { } ended)
        {
            return ended;
        }

        var run = new BackupRunRef(plan.BackupId!, leaseId);
        try
        {
            foreach (var container in plan.Containers)
            {
                // Its parts side by side, as the orchestration reads them; the first failure stops the others.
                var ranges = progress is null ? null : new ContainerRangesProgress(progress);
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, container.Ranges),
                    new ParallelOptions { MaxDegreeOfParallelism = plan.ParallelRanges, CancellationToken = cancellationToken },
                    async (range, token) =>
                    {
                        while (!(await steps.RunSliceAsync(new BackupSliceRef(run.BackupId, container.Name, range, leaseId), ranges?.ForRange(range), token).ConfigureAwait(false)).Done)
                        {
                        }
                    }).ConfigureAwait(false);
            }

            return await steps.CommitAsync(run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await steps.FailAsync(BackupRunFailure.Of(run, exception.GetType().Name, exception.Message), CancellationToken.None).ConfigureAwait(false);
        }
    }
}

using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Restore;

// The restore's activities: each a thin call into RestoreService, registered under its class name in both hosts.

/// <summary>The input of <see cref="RestoreStepActivity"/>.</summary>
public sealed record RestoreStepInput(RestorePlan Plan, RestoreStep Step);

/// <summary>The input of <see cref="CompleteRestoreActivity"/>.</summary>
public sealed record CompleteRestoreInput(RestorePlan Plan, IReadOnlyList<RestoreStepResult> Results);

public sealed class PlanRestoreActivity(RestoreService restore) : TaskActivity<RestoreRequest, RestorePlan>
{
    public override Task<RestorePlan> RunAsync(TaskActivityContext context, RestoreRequest input) => restore.PlanAsync(input, CancellationToken.None);
}

public sealed class RestoreStepActivity(RestoreService restore) : TaskActivity<RestoreStepInput, RestoreStepResult>
{
    public override Task<RestoreStepResult> RunAsync(TaskActivityContext context, RestoreStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return restore.RestoreStepAsync(input.Plan, input.Step, CancellationToken.None);
    }
}

public sealed class CompleteRestoreActivity(RestoreService restore) : TaskActivity<CompleteRestoreInput, RestoreOutcome>
{
    public override Task<RestoreOutcome> RunAsync(TaskActivityContext context, CompleteRestoreInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(restore.Complete(input.Plan, input.Results));
    }
}

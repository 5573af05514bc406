using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Restore;

// The restore's activities: each a thin call into RestoreService, registered under its class name in both hosts.
// Inputs and outputs are ids and counts; each activity reads its step from the restore's progress.

public sealed class PlanRestoreActivity(RestoreService restore) : TaskActivity<RestoreRequest, RestoreStart>
{
    public override Task<RestoreStart> RunAsync(TaskActivityContext context, RestoreRequest input) => restore.PlanAsync(input, CancellationToken.None);
}

public sealed class CheckRestoreStepActivity(RestoreService restore) : TaskActivity<RestoreStepRef, RestoreStepCheck>
{
    public override Task<RestoreStepCheck> RunAsync(TaskActivityContext context, RestoreStepRef input) => restore.CheckStepAsync(input, CancellationToken.None);
}

public sealed class BeginRestoreWritesActivity(RestoreService restore) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        await restore.BeginWritesAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

public sealed class RestoreStepActivity(RestoreService restore) : TaskActivity<RestoreStepRef, RestoreStepResult>
{
    public override Task<RestoreStepResult> RunAsync(TaskActivityContext context, RestoreStepRef input) => restore.RestoreStepAsync(input, CancellationToken.None);
}

public sealed class CompleteRestoreActivity(RestoreService restore) : TaskActivity<string, RestoreOutcome>
{
    public override Task<RestoreOutcome> RunAsync(TaskActivityContext context, string input) => restore.CompleteAsync(input, CancellationToken.None);
}

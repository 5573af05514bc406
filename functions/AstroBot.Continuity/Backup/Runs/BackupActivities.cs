using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Runs;

// The backup run's activities: each a thin call into BackupRunSteps, registered under its class name in both hosts.

public sealed class PlanBackupActivity(BackupRunSteps steps) : TaskActivity<BackupRunRequest, BackupRunPlan>
{
    public override Task<BackupRunPlan> RunAsync(TaskActivityContext context, BackupRunRequest input) => steps.PlanAsync(input, waitForLease: null, CancellationToken.None);
}

public sealed class BackupSliceActivity(BackupRunSteps steps) : TaskActivity<BackupSliceRef, BackupSliceResult>
{
    public override Task<BackupSliceResult> RunAsync(TaskActivityContext context, BackupSliceRef input) => steps.RunSliceAsync(input, progress: null, CancellationToken.None);
}

public sealed class CommitBackupActivity(BackupRunSteps steps) : TaskActivity<BackupRunRef, BackupRunResult>
{
    public override Task<BackupRunResult> RunAsync(TaskActivityContext context, BackupRunRef input) => steps.CommitAsync(input, CancellationToken.None);
}

public sealed class FailBackupActivity(BackupRunSteps steps) : TaskActivity<BackupRunFailure, BackupRunResult>
{
    public override Task<BackupRunResult> RunAsync(TaskActivityContext context, BackupRunFailure input) => steps.FailAsync(input, CancellationToken.None);
}

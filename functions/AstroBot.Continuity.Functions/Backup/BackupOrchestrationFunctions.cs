using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>
/// The backup orchestration and its activities as Durable Functions: thin wrappers over the one body in the core
/// (<see cref="BackupOrchestrator.RunBodyAsync"/>) and the <see cref="BackupRunSteps"/>, under the same names the
/// local host registers them with. Each activity is bounded (a slice reads for at most <c>Backup:SliceDuration</c>).
/// </summary>
public sealed class BackupOrchestrationFunctions(BackupRunSteps steps)
{
    [Function(nameof(BackupOrchestrator))]
    public static Task<BackupRunResult> OrchestrateAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        BackupOrchestrator.RunBodyAsync(context, context.GetInput<BackupKind>());

    [Function(nameof(PlanBackupActivity))]
    public Task<BackupRunPlan> PlanAsync([ActivityTrigger] BackupRunRequest request, CancellationToken cancellationToken) =>
        steps.PlanAsync(request, waitForLease: null, cancellationToken);

    [Function(nameof(BackupSliceActivity))]
    public Task<BackupSliceResult> SliceAsync([ActivityTrigger] BackupSliceRef slice, CancellationToken cancellationToken) =>
        steps.RunSliceAsync(slice, progress: null, cancellationToken);

    [Function(nameof(CommitBackupActivity))]
    public Task<BackupRunResult> CommitAsync([ActivityTrigger] BackupRunRef run, CancellationToken cancellationToken) =>
        steps.CommitAsync(run, cancellationToken);

    [Function(nameof(FailBackupActivity))]
    public Task<BackupRunResult> FailAsync([ActivityTrigger] BackupRunFailure failure, CancellationToken cancellationToken) =>
        steps.FailAsync(failure, cancellationToken);
}

using AstroBot.Continuity.Backup.Restore;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>
/// The restore orchestration and its activities as Durable Functions: thin wrappers over the one body in the core
/// (<see cref="RestoreOrchestrator.RunBodyAsync"/>) and the <see cref="RestoreService"/> activities, under the
/// same names the local host registers them with.
/// </summary>
public sealed class RestoreOrchestrationFunctions(RestoreService restore)
{
    [Function(nameof(RestoreOrchestrator))]
    public static Task<RestoreOutcome> OrchestrateAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RestoreOrchestrator.RunBodyAsync(context, context.GetInput<RestoreRequest>() ?? new RestoreRequest());

    [Function(nameof(PlanRestoreActivity))]
    public Task<RestoreStart> PlanAsync([ActivityTrigger] RestoreRequest request, CancellationToken cancellationToken) =>
        restore.PlanAsync(request, cancellationToken);

    [Function(nameof(CheckRestoreStepActivity))]
    public Task<RestoreStepCheck> CheckAsync([ActivityTrigger] RestoreStepRef step, CancellationToken cancellationToken) =>
        restore.CheckStepAsync(step, cancellationToken);

    [Function(nameof(BeginRestoreWritesActivity))]
    public async Task<bool> BeginWritesAsync([ActivityTrigger] string restoreId, CancellationToken cancellationToken)
    {
        await restore.BeginWritesAsync(restoreId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [Function(nameof(RestoreStepActivity))]
    public Task<RestoreStepResult> StepAsync([ActivityTrigger] RestoreStepRef step, CancellationToken cancellationToken) =>
        restore.RestoreStepAsync(step, cancellationToken);

    [Function(nameof(CompleteRestoreActivity))]
    public Task<RestoreOutcome> CompleteAsync([ActivityTrigger] string restoreId, CancellationToken cancellationToken) =>
        restore.CompleteAsync(restoreId, cancellationToken);
}

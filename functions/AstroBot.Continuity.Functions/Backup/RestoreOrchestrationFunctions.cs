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
    public Task<RestorePlan> PlanAsync([ActivityTrigger] RestoreRequest request, CancellationToken cancellationToken) =>
        restore.PlanAsync(request, cancellationToken);

    [Function(nameof(RestoreStepActivity))]
    public Task<RestoreStepResult> StepAsync([ActivityTrigger] RestoreStepInput input, CancellationToken cancellationToken) =>
        restore.RestoreStepAsync(input.Plan, input.Step, cancellationToken);

    [Function(nameof(CompleteRestoreActivity))]
    public RestoreOutcome Complete([ActivityTrigger] CompleteRestoreInput input) =>
        restore.Complete(input.Plan, input.Results);
}

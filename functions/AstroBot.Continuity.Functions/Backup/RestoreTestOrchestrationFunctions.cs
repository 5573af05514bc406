using AstroBot.Continuity.Backup.RestoreTest;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>
/// The restore-test orchestration and its activities as Durable Functions: thin wrappers over the one body in the core
/// (<see cref="RestoreTestOrchestrator.RunBodyAsync"/>) and the <see cref="RestoreTester"/> steps, under the same
/// names the local host registers them with. The restore itself is the restore orchestration, as a sub-orchestration.
/// </summary>
public sealed class RestoreTestOrchestrationFunctions(RestoreTester tester)
{
    [Function(nameof(RestoreTestOrchestrator))]
    public static Task<RestoreTestReport> OrchestrateAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RestoreTestOrchestrator.RunBodyAsync(context);

    [Function(nameof(PlanRestoreTestActivity))]
    public Task<RestoreTestPlan> PlanAsync([ActivityTrigger] string? input, CancellationToken cancellationToken) =>
        tester.PlanAsync(cancellationToken);

    [Function(nameof(ReadBackRestoreTestActivity))]
    public Task<RestoredChecksum> ReadBackAsync([ActivityTrigger] RestoredChecksum checksum, CancellationToken cancellationToken) =>
        tester.ReadBackAsync(checksum, cancellationToken);

    [Function(nameof(CompleteRestoreTestActivity))]
    public Task<RestoreTestReport> CompleteAsync([ActivityTrigger] RestoreTestFindings findings, CancellationToken cancellationToken) =>
        tester.CompleteAsync(findings, cancellationToken);
}

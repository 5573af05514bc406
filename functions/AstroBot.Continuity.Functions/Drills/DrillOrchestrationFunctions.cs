using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Restore;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Drills;

/// <summary>
/// The drill orchestrations and their activities as Durable Functions: thin wrappers over the one body of each in the core
/// and the steps, under the same names the local host registers them with. The restore drill's restore is the restore
/// orchestration and its read-back the restore test's activity, both declared with the backups.
/// </summary>
public sealed class DrillOrchestrationFunctions(RestoreDrill restoreDrill, DrillRecorder recorder)
{
    [Function(nameof(RestoreDrillOrchestrator))]
    public static Task<DrillRecord> RestoreDrillAsync([OrchestrationTrigger] TaskOrchestrationContext context, DrillStart start) =>
        RestoreDrillOrchestrator.RunBodyAsync(context, start);

    [Function(nameof(PlanRestoreDrillActivity))]
    public Task<RestoreDrillPlan> PlanAsync([ActivityTrigger] DrillStart start, CancellationToken cancellationToken) =>
        restoreDrill.PlanAsync(start, cancellationToken);

    [Function(nameof(CompareRestoreDrillSampleActivity))]
    public Task<SampleComparison> CompareSampleAsync([ActivityTrigger] SampleRequest request, CancellationToken cancellationToken) =>
        restoreDrill.CompareSampleAsync(request, cancellationToken);

    [Function(nameof(CompleteRestoreDrillActivity))]
    public Task<DrillRecord> CompleteAsync([ActivityTrigger] RestoreDrillFindings findings, CancellationToken cancellationToken) =>
        restoreDrill.CompleteAsync(findings, cancellationToken);

    [Function(nameof(FailDrillActivity))]
    public Task<DrillRecord> FailAsync([ActivityTrigger] DrillFailure failure, CancellationToken cancellationToken) =>
        FailDrillActivity.FailAsync(recorder, failure, cancellationToken);
}

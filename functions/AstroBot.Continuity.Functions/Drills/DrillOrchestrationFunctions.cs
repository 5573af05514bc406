using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;
using AstroBot.Continuity.Recovery.Drills.Restore;
using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Drills;

/// <summary>
/// The drill orchestrations and their activities as Durable Functions: thin wrappers over the one body of each in the core
/// and the steps, under the same names the local host registers them with. The restore drill's restore is the restore
/// orchestration and its read-back the restore test's activity, both declared with the backups.
/// </summary>
public sealed class DrillOrchestrationFunctions(
    RestoreDrill restoreDrill,
    NativeBackupDrill nativeBackupDrill,
    DrillRecorder recorder,
    FailoverPreconditions failoverPreconditions,
    FailoverCanaries failoverCanaries,
    WebhookPathVerifier webhookPath,
    FailoverDrill failoverDrill)
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

    [Function(nameof(NativeBackupDrillOrchestrator))]
    public static Task<DrillRecord> NativeBackupDrillAsync([OrchestrationTrigger] TaskOrchestrationContext context, DrillStart start) =>
        NativeBackupDrillOrchestrator.RunBodyAsync(context, start);

    [Function(nameof(PlanNativeBackupDrillActivity))]
    public Task<NativeBackupDrillPlan> PlanNativeBackupAsync([ActivityTrigger] DrillStart start, CancellationToken cancellationToken) =>
        nativeBackupDrill.PlanAsync(start, cancellationToken);

    [Function(nameof(StartNativeBackupRestoreActivity))]
    public Task<ArmOperationState> StartNativeBackupRestoreAsync([ActivityTrigger] NativeBackupDrillPlan plan, CancellationToken cancellationToken) =>
        nativeBackupDrill.StartRestoreAsync(plan, cancellationToken);

    [Function(nameof(PollNativeBackupDrillActivity))]
    public Task<ArmOperationState> PollNativeBackupAsync([ActivityTrigger] ArmOperationLink link, CancellationToken cancellationToken) =>
        nativeBackupDrill.PollAsync(link, cancellationToken);

    [Function(nameof(CompareNativeBackupSampleActivity))]
    public Task<SampleComparison> CompareNativeBackupSampleAsync([ActivityTrigger] RestoredContainerRequest request, CancellationToken cancellationToken) =>
        nativeBackupDrill.CompareSampleAsync(request, cancellationToken);

    [Function(nameof(CountNativeBackupItemsActivity))]
    public Task<RestoredCount> CountNativeBackupItemsAsync([ActivityTrigger] RestoredCount count, CancellationToken cancellationToken) =>
        nativeBackupDrill.CountAsync(count, cancellationToken);

    [Function(nameof(StartNativeBackupDeleteActivity))]
    public Task<ArmOperationState> StartNativeBackupDeleteAsync([ActivityTrigger] NativeBackupDrillPlan plan, CancellationToken cancellationToken) =>
        nativeBackupDrill.StartDeleteAsync(plan, cancellationToken);

    [Function(nameof(CompleteNativeBackupDrillActivity))]
    public Task<DrillRecord> CompleteNativeBackupAsync([ActivityTrigger] NativeBackupDrillFindings findings, CancellationToken cancellationToken) =>
        nativeBackupDrill.CompleteAsync(findings, cancellationToken);

    [Function(nameof(FailDrillActivity))]
    public Task<DrillRecord> FailAsync([ActivityTrigger] DrillFailure failure, CancellationToken cancellationToken) =>
        FailDrillActivity.FailAsync(recorder, failure, cancellationToken);

    [Function(nameof(FailoverDrillOrchestrator))]
    public static Task<DrillRecord> FailoverDrillAsync([OrchestrationTrigger] TaskOrchestrationContext context, DrillStart start) =>
        FailoverDrillOrchestrator.RunBodyAsync(context, start);

    [Function(nameof(CheckFailoverPreconditionsActivity))]
    public Task<FailoverPlan> CheckFailoverPreconditionsAsync([ActivityTrigger] DrillStart start, CancellationToken cancellationToken) =>
        failoverPreconditions.CheckAsync(start, cancellationToken);

    [Function(nameof(SendFailoverCanariesActivity))]
    public Task<CanaryReport> SendFailoverCanariesAsync([ActivityTrigger] string drillId, CancellationToken cancellationToken) =>
        failoverCanaries.RunAsync(drillId, cancellationToken);

    [Function(nameof(CheckWebhookPathActivity))]
    public Task<WebhookPathChecked> CheckWebhookPathAsync([ActivityTrigger] WebhookPathCheck check, CancellationToken cancellationToken) =>
        webhookPath.CheckAsync(check, cancellationToken);

    [Function(nameof(SetRegionOrderActivity))]
    public Task<string> SetRegionOrderAsync([ActivityTrigger] RegionOrderChange change, CancellationToken cancellationToken) =>
        failoverDrill.SetOrderAsync(change, cancellationToken);

    [Function(nameof(StopFailoverCanariesActivity))]
    public Task<bool> StopFailoverCanariesAsync([ActivityTrigger] string drillId, CancellationToken cancellationToken) =>
        failoverDrill.StopCanariesAsync(drillId, cancellationToken);

    [Function(nameof(CompleteFailoverDrillActivity))]
    public Task<DrillRecord> CompleteFailoverDrillAsync([ActivityTrigger] FailoverDrillFindings findings, CancellationToken cancellationToken) =>
        failoverDrill.CompleteAsync(findings, cancellationToken);
}

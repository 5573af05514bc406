using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills.Restore;

// The restore drill's activities: each a thin call into RestoreDrill, registered under its class name in both hosts.
// The read-back is the restore test's activity (ReadBackRestoreTestActivity).

public sealed class PlanRestoreDrillActivity(RestoreDrill drill) : TaskActivity<DrillStart, RestoreDrillPlan>
{
    public override Task<RestoreDrillPlan> RunAsync(TaskActivityContext context, DrillStart input) => drill.PlanAsync(input, CancellationToken.None);
}

public sealed class CompareRestoreDrillSampleActivity(RestoreDrill drill) : TaskActivity<SampleRequest, SampleComparison>
{
    public override Task<SampleComparison> RunAsync(TaskActivityContext context, SampleRequest input) => drill.CompareSampleAsync(input, CancellationToken.None);
}

public sealed class CompleteRestoreDrillActivity(RestoreDrill drill) : TaskActivity<RestoreDrillFindings, DrillRecord>
{
    public override Task<DrillRecord> RunAsync(TaskActivityContext context, RestoreDrillFindings input) => drill.CompleteAsync(input, CancellationToken.None);
}

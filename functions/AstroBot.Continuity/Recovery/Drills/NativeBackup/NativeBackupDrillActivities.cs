using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

// The native backup drill's activities: each a thin call into NativeBackupDrill, registered under its class name in both hosts.

public sealed class PlanNativeBackupDrillActivity(NativeBackupDrill drill) : TaskActivity<DrillStart, NativeBackupDrillPlan>
{
    public override Task<NativeBackupDrillPlan> RunAsync(TaskActivityContext context, DrillStart input) => drill.PlanAsync(input, CancellationToken.None);
}

public sealed class StartNativeBackupRestoreActivity(NativeBackupDrill drill) : TaskActivity<NativeBackupDrillPlan, ArmOperationState>
{
    public override Task<ArmOperationState> RunAsync(TaskActivityContext context, NativeBackupDrillPlan input) => drill.StartRestoreAsync(input, CancellationToken.None);
}

public sealed class PollNativeBackupDrillActivity(NativeBackupDrill drill) : TaskActivity<ArmOperationLink, ArmOperationState>
{
    public override Task<ArmOperationState> RunAsync(TaskActivityContext context, ArmOperationLink input) => drill.PollAsync(input, CancellationToken.None);
}

public sealed class CompareNativeBackupSampleActivity(NativeBackupDrill drill) : TaskActivity<RestoredContainerRequest, SampleComparison>
{
    public override Task<SampleComparison> RunAsync(TaskActivityContext context, RestoredContainerRequest input) => drill.CompareSampleAsync(input, CancellationToken.None);
}

public sealed class CountNativeBackupItemsActivity(NativeBackupDrill drill) : TaskActivity<RestoredCount, RestoredCount>
{
    public override Task<RestoredCount> RunAsync(TaskActivityContext context, RestoredCount input) => drill.CountAsync(input, CancellationToken.None);
}

public sealed class StartNativeBackupDeleteActivity(NativeBackupDrill drill) : TaskActivity<NativeBackupDrillPlan, ArmOperationState>
{
    public override Task<ArmOperationState> RunAsync(TaskActivityContext context, NativeBackupDrillPlan input) => drill.StartDeleteAsync(input, CancellationToken.None);
}

public sealed class CompleteNativeBackupDrillActivity(NativeBackupDrill drill) : TaskActivity<NativeBackupDrillFindings, DrillRecord>
{
    public override Task<DrillRecord> RunAsync(TaskActivityContext context, NativeBackupDrillFindings input) => drill.CompleteAsync(input, CancellationToken.None);
}

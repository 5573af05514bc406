using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.RestoreTest;

// The restore test's activities: each a thin call into RestoreTester, registered under its class name in both hosts.

public sealed class PlanRestoreTestActivity(RestoreTester tester) : TaskActivity<string?, RestoreTestPlan>
{
    public override Task<RestoreTestPlan> RunAsync(TaskActivityContext context, string? input) => tester.PlanAsync(CancellationToken.None);
}

public sealed class ReadBackRestoreTestActivity(RestoreTester tester) : TaskActivity<RestoredChecksum, RestoredChecksum>
{
    public override Task<RestoredChecksum> RunAsync(TaskActivityContext context, RestoredChecksum input) => tester.ReadBackAsync(input, CancellationToken.None);
}

public sealed class CompleteRestoreTestActivity(RestoreTester tester) : TaskActivity<RestoreTestFindings, RestoreTestReport>
{
    public override Task<RestoreTestReport> RunAsync(TaskActivityContext context, RestoreTestFindings input) => tester.CompleteAsync(input, CancellationToken.None);
}

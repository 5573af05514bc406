using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

// The failover drill's activities: each a thin call into its step, registered under its class name in both hosts.

public sealed class CheckFailoverPreconditionsActivity(FailoverPreconditions preconditions) : TaskActivity<DrillStart, FailoverPlan>
{
    public override Task<FailoverPlan> RunAsync(TaskActivityContext context, DrillStart input) => preconditions.CheckAsync(input, CancellationToken.None);
}

public sealed class SendFailoverCanariesActivity(FailoverCanaries canaries) : TaskActivity<string, CanaryReport>
{
    public override Task<CanaryReport> RunAsync(TaskActivityContext context, string input) => canaries.RunAsync(input, CancellationToken.None);
}

public sealed class CheckWebhookPathActivity(WebhookPathVerifier verifier) : TaskActivity<WebhookPathCheck, WebhookPathChecked>
{
    public override Task<WebhookPathChecked> RunAsync(TaskActivityContext context, WebhookPathCheck input) => verifier.CheckAsync(input, CancellationToken.None);
}

public sealed class SetRegionOrderActivity(FailoverDrill drill) : TaskActivity<RegionOrderChange, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, RegionOrderChange input) => drill.SetOrderAsync(input, CancellationToken.None);
}

public sealed class StopFailoverCanariesActivity(FailoverDrill drill) : TaskActivity<string, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => drill.StopCanariesAsync(input, CancellationToken.None);
}

public sealed class CompleteFailoverDrillActivity(FailoverDrill drill) : TaskActivity<FailoverDrillFindings, DrillRecord>
{
    public override Task<DrillRecord> RunAsync(TaskActivityContext context, FailoverDrillFindings input) => drill.CompleteAsync(input, CancellationToken.None);
}

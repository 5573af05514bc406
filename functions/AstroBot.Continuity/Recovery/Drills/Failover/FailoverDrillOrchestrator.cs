using AstroBot.Continuity.Backup;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The failover drill as a Durable orchestration: check the preconditions (a refusal ends it, nothing switched); start
/// the canaries beside the rest; check the webhook path through the primary; switch the secondary first and check the
/// path through it (which is also how the drill knows the traffic moved); hold there under the canaries; fail back
/// (always, once the preconditions passed, whatever failed before: the original order is put back) and check the path
/// through the primary; stop the canaries and wait for their report; complete (where the traffic ended, RTO, RPO,
/// record).
/// </summary>
public sealed class FailoverDrillOrchestrator : TaskOrchestrator<DrillStart, DrillRecord>
{
    // Recording is retried; a switch or a check is not (a failed check is a finding, and the fail-back runs anyway).
    private static readonly TaskOptions Retried = ActivityRetry.Options(ActivityRetry.DefaultFirstInterval);

    public override Task<DrillRecord> RunAsync(TaskOrchestrationContext context, DrillStart input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<DrillRecord> RunBodyAsync(TaskOrchestrationContext context, DrillStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var timeline = new DrillTimeline(context);
        FailoverPlan plan;
        try
        {
            plan = await timeline.RunAsync(
                "check the preconditions", () => context.CallActivityAsync<FailoverPlan>(nameof(CheckFailoverPreconditionsActivity), input),
                checkedPlan => $"primary {checkedPlan.Primary}, secondary {checkedPlan.Secondary} ready; replication lag and incidents clear").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            return await timeline.FailAsync(input.DrillId, exception, Retried).ConfigureAwait(true);
        }

        var canaries = context.CallActivityAsync<CanaryReport>(nameof(SendFailoverCanariesActivity), input.DrillId);
        var errors = new List<string>();
        try
        {
            await CheckPathAsync(context, timeline, plan, plan.Primary, "before the switch").ConfigureAwait(true);
            context.SetCustomStatus(new { phase = "switching", drill_id = input.DrillId, to = plan.Secondary });
            await SetOrderAsync(context, timeline, plan, plan.SecondaryFirst, $"switch the primary to {plan.Secondary}").ConfigureAwait(true);
            await CheckPathAsync(context, timeline, plan, plan.Secondary, "the new primary").ConfigureAwait(true);
            await timeline.RunAsync($"hold on {plan.Secondary}", async () =>
            {
                await context.CreateTimer(plan.HoldOnSecondary, CancellationToken.None).ConfigureAwait(true);
                return plan.HoldOnSecondary;
            }, held => $"{held.TotalSeconds:0.#} s under the canaries").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            errors.Add(Reason(exception));
        }

        try
        {
            context.SetCustomStatus(new { phase = "failing back", drill_id = input.DrillId, to = plan.Primary });
            await SetOrderAsync(context, timeline, plan, plan.OriginalOrder, $"fail back to {plan.Primary}").ConfigureAwait(true);
            await CheckPathAsync(context, timeline, plan, plan.Primary, "after the fail-back").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            errors.Add("failing back: " + Reason(exception));
        }

        CanaryReport? report = null;
        try
        {
            await context.CallActivityAsync<bool>(nameof(StopFailoverCanariesActivity), input.DrillId, Retried).ConfigureAwait(true);
            report = await canaries.ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            errors.Add("the canaries: " + Reason(exception));
        }

        return await context.CallActivityAsync<DrillRecord>(
            nameof(CompleteFailoverDrillActivity),
            new FailoverDrillFindings(plan, report, timeline.Steps, errors.Count == 0 ? null : string.Join("; ", errors)),
            Retried).ConfigureAwait(true);
    }

    private static string Reason(TaskFailedException exception) => exception.FailureDetails.ErrorMessage.TrimEnd('.');

    private static Task<string> SetOrderAsync(TaskOrchestrationContext context, DrillTimeline timeline, FailoverPlan plan, IReadOnlyList<string> order, string step) =>
        timeline.RunAsync(step, () => context.CallActivityAsync<string>(nameof(SetRegionOrderActivity), new RegionOrderChange(plan.DrillId, order)), said => said);

    private static Task<WebhookPathChecked> CheckPathAsync(TaskOrchestrationContext context, DrillTimeline timeline, FailoverPlan plan, string region, string when) =>
        timeline.RunAsync(
            $"check the webhook path through {region} ({when})",
            () => context.CallActivityAsync<WebhookPathChecked>(nameof(CheckWebhookPathActivity), new WebhookPathCheck(plan.DrillId, region)),
            path => $"acknowledged in {path.AcknowledgeMilliseconds} ms, processed in {path.Region} {path.HandOverMilliseconds} ms after the send ({path.Attempts} sent)");
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The failover drill's own steps (scenario <c>RegionOutageCompute</c>) besides the preconditions, the canaries and the
/// path checks: change the regions' order, tell the canaries to stop, and complete: look where the traffic ended,
/// measure (RTO: the longest stretch without an acknowledged canary; RPO: zero when every acknowledged canary was
/// processed, else the stretch of the lost ones plus one interval) and record. A drill that could not put the order
/// back says so in its error, with what to run.
/// </summary>
public sealed class FailoverDrill(RegionSwitchChoice choice, DrillRecorder recorder, IOptions<FailoverDrillOptions> options, TimeProvider time)
{
    /// <summary>The fact with the order the drill last set, priority 1 first, comma-separated.</summary>
    public const string OrderSetFact = "order_set";

    /// <summary>Gives the regions the order of <paramref name="change"/> and notes it on the drill first, so a clean-up knows a switch may have happened.</summary>
    /// <exception cref="InvalidOperationException">No switch, or it could not make the change.</exception>
    public async Task<string> SetOrderAsync(RegionOrderChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var regionSwitch = choice.Switch ?? throw new InvalidOperationException(choice.Missing);
        await recorder.NoteAsync(change.DrillId, new Dictionary<string, string> { [OrderSetFact] = string.Join(',', change.Order) }, ct).ConfigureAwait(false);
        try
        {
            var layout = await regionSwitch.SetOrderAsync(change.Order, ct).ConfigureAwait(false);
            return $"priorities now {string.Join(", ", layout.Order)}; the front of the order takes the traffic once it answers";
        }
        catch (RegionSwitchException exception)
        {
            throw new InvalidOperationException(exception.Message, exception);
        }
    }

    /// <summary>Tells the canaries (<see cref="FailoverCanaries"/>) to stop.</summary>
    public async Task<bool> StopCanariesAsync(string drillId, CancellationToken ct)
    {
        await recorder.NoteAsync(drillId, new Dictionary<string, string> { [FailoverCanaries.StopFact] = "true" }, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Looks where the traffic ended, measures, and records the drill as passed, missed or failed.</summary>
    public async Task<DrillRecord> CompleteAsync(FailoverDrillFindings findings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var plan = findings.Plan;
        var steps = findings.Steps.ToList();
        var facts = new Dictionary<string, string>();
        var problems = new List<string>();
        if (findings.Error is { } error)
        {
            problems.Add(error);
        }

        var checkedAt = time.GetUtcNow();
        var ended = await WhereTheTrafficEndedAsync(plan, facts, ct).ConfigureAwait(false);
        steps.Add(new DrillStep("check where the traffic ended", checkedAt, time.GetUtcNow(), ended.Problem is null, ended.Problem ?? ended.Detail));
        if (ended.Problem is { } left)
        {
            problems.Add(left);
        }

        TimeSpan? rto = null;
        TimeSpan? rpo = null;
        if (findings.Canaries is not { } canaries)
        {
            problems.Add("the canaries did not report");
        }
        else
        {
            Note(facts, canaries);
            if (canaries.Acknowledged == 0)
            {
                problems.Add($"none of the {canaries.Sent} canaries was acknowledged");
            }

            rto = canaries.LongestWithoutAcknowledgement;
            rpo = canaries.Lost == 0 ? TimeSpan.Zero : canaries.LastLostAt!.Value - canaries.FirstLostAt!.Value + options.Value.CanaryInterval;
        }

        return await recorder.CompleteAsync(plan.DrillId, steps, facts, rto, rpo, problems.Count == 0 ? null : string.Join("; ", problems), ct).ConfigureAwait(false);
    }

    private async Task<(string Detail, string? Problem)> WhereTheTrafficEndedAsync(FailoverPlan plan, Dictionary<string, string> facts, CancellationToken ct)
    {
        var original = string.Join(", ", plan.OriginalOrder);
        RegionLayout layout;
        try
        {
            layout = await (choice.Switch ?? throw new RegionSwitchException(choice.Missing)).ReadAsync(ct).ConfigureAwait(false);
        }
        catch (RegionSwitchException exception)
        {
            return ("", $"the regions' order could not be read after the drill ({exception.Message}): the system may be left failed over; restore the order {original} with: {choice.RestoreHint(plan.OriginalOrder)}");
        }

        facts["order_after"] = string.Join(',', layout.Order);
        facts["serving_after"] = layout.Serving ?? "none";
        if (!layout.Order.SequenceEqual(plan.OriginalOrder))
        {
            return ("", $"THE SYSTEM IS LEFT FAILED OVER: the regions' order is {string.Join(", ", layout.Order)}, not {original}; restore it with: {choice.RestoreHint(plan.OriginalOrder)}");
        }

        return layout.Serving == plan.Primary
            ? ($"order {original} restored; {plan.Primary} takes the traffic", null)
            : ("", $"the order {original} is restored, but the traffic is on {layout.Serving ?? "no region"} because {plan.Primary} is not healthy; it goes back to {plan.Primary} by itself once {plan.Primary} answers its probes again");
    }

    private static void Note(Dictionary<string, string> facts, CanaryReport canaries)
    {
        facts["canaries_sent"] = canaries.Sent.ToString(CultureInfo.InvariantCulture);
        facts["canaries_acknowledged"] = canaries.Acknowledged.ToString(CultureInfo.InvariantCulture);
        facts["canaries_lost"] = canaries.Lost.ToString(CultureInfo.InvariantCulture);
        facts["longest_without_acknowledgement_ms"] = ((long)canaries.LongestWithoutAcknowledgement.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        facts["canaries_processed_by"] = string.Join(", ", canaries.ProcessedByRegion.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}"));
    }
}

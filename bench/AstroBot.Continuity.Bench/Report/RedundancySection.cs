using AstroBot.Continuity.Bench.Regions;
using static AstroBot.Continuity.Bench.Report.IdentitySection;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The regions section's part on the redundancy cost: through the front door against straight to region-1.</summary>
internal static class RedundancySection
{
    public static void Render(RedundancyResult result, RegionsBenchSettings s, Action<FormattableString> line)
    {
        line($"### Redundancy cost: through the front door against straight to region-1");
        line($"");
        line($"Closed loop, `c` requests in flight, signed one-message webhooks ({result.BodyBytes:N0} bytes). Each row pools the {s.Pairs} rounds of one scenario at one concurrency (a round: up to {s.RequestsPerRound:N0} requests or {s.MaxRoundDuration.TotalSeconds:N0} s); throughput is all acknowledged webhooks over the rounds' summed wall time, latency from send to the complete answer, nearest-rank over all of the row's requests.");
        line($"");
        line($"| concurrency | scenario | rounds | acknowledged | msg/s | ms per message | p50 (ms) | p99 (ms) |");
        line($"|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in result.Results)
        {
            line($"{Row(F($"| {r.Concurrency} | **through the front door** to region-1"), r.ViaFrontDoor)}");
            line($"{Row(F($"| {r.Concurrency} | **straight to region-1**"), r.Direct)}");
            line($"{Row(F($"| {r.Concurrency} | bare 200 through a front door of its own"), r.BareViaProxy)}");
            line($"{Row(F($"| {r.Concurrency} | bare 200"), r.BareOk)}");
        }

        line($"");
        line($"Ratios through the front door ÷ straight to region-1 (target: throughput ≥ {1 - RegionsSection.MaxRedundancyCost:F2}, p99 ≤ {1 + RegionsSection.MaxRedundancyCost:F2}), pooled and per set (min-max over the sets, each set's rounds back to back); then the same ratios for the proxy hop alone, the bare 200 endpoint through a front door of its own ÷ the bare 200 endpoint. Audit: the webhooks acknowledged through the front door or straight, every one looked for in both regions' inboxes.");
        line($"");
        line($"| concurrency | throughput ratio | p99 ratio | per set: throughput | per set: p99 | hop alone: throughput / p99 | acknowledged | in region-1's inbox | in region-2's inbox | met |");
        line($"|---:|---:|---:|---|---|---:|---:|---:|---:|:---:|");
        foreach (var r in result.Results)
        {
            line($"| {r.Concurrency} | **{R(r.ThroughputRatio)}** | **{R(r.P99Ratio)}** | {Range(r.Sets.Select(set => set.ThroughputRatio))} | {Range(r.Sets.Select(set => set.P99Ratio))} | {R(r.ProxyThroughputRatio)} / {R(r.ProxyP99Ratio)} | {r.Acknowledged:N0} | {r.FoundInPrimary:N0} | {r.FoundInSecondary:N0} | {(r.MeetsTarget(RegionsSection.MaxRedundancyCost) ? "yes" : "no")} |");
        }

        line($"");
        line($"Whole part, warm-up included: {result.Acknowledged:N0} webhooks acknowledged, **{result.Missing:N0} of them in neither inbox**.");
        line($"");
    }

    public static IEnumerable<string> Verdict(RedundancyResult result)
    {
        var max = RegionsSection.MaxRedundancyCost;
        var met = result.Results.Where(r => r.MeetsTarget(max)).Select(r => r.Concurrency).ToList();
        var missed = result.Results.Where(r => !r.MeetsTarget(max)).ToList();
        if (missed.Count == 0)
        {
            yield return F($"**Redundancy cost: target met** at every concurrency measured ({string.Join(", ", met)}): through the front door, throughput {string.Join(", ", result.Results.Select(r => R(r.ThroughputRatio)))}× and p99 {string.Join(", ", result.Results.Select(r => R(r.P99Ratio)))}× straight to region-1 (at least {1 - max:F2}× and at most {1 + max:F2}× asked).");
        }
        else
        {
            yield return F($"**Redundancy cost: target {(met.Count == 0 ? "not met" : "met only at concurrency " + string.Join(", ", met))}**: through the front door, throughput {string.Join(", ", result.Results.Select(r => F($"{R(r.ThroughputRatio)}× (c={r.Concurrency})")))} and p99 {string.Join(", ", result.Results.Select(r => F($"{R(r.P99Ratio)}× (c={r.Concurrency})")))} straight to region-1, against at least {1 - max:F2}× and at most {1 + max:F2}× asked.");
        }

        var hop = result.Results.Select(r => (r.Concurrency, Ms: r.BareViaProxy.MsPerItem - r.BareOk.MsPerItem, Share: (r.BareViaProxy.MsPerItem - r.BareOk.MsPerItem) / r.Direct.MsPerItem)).ToList();
        yield return F($"What the proxy hop costs on its own, measured beside it (a bare 200 endpoint through a front door of its own against the same endpoint straight): {string.Join(", ", hop.Select((h, i) => i == 0 ? F($"{h.Ms:F3} ms more per request at c={h.Concurrency} ({h.Share * 100:F1} % of the time a webhook took straight to region-1)") : F($"{h.Ms:F3} ms at c={h.Concurrency} ({h.Share * 100:F1} %)")))}. That is the front door's own work here (YARP in this process, on the same {Environment.ProcessorCount} cores as both regions, Azurite and the load generator: a second HTTP exchange over loopback); the rest of any gap between the two rows is the queue write behind them, the same work on both sides. In Azure, Front Door runs on Microsoft's edge, not on the Function App's instances: it takes none of the app's CPU, and adds the edge's hop to each webhook's latency instead (Meta to the edge to the region), which this machine cannot show.");
        var sets = result.Results.SelectMany(r => r.Sets).ToList();
        yield return F($"The rounds of a set run back to back (the order reversed every other set), so the machine's drift hits both sides alike; even so, set by set the throughput ratio ranged over {Range(sets.Select(set => set.ThroughputRatio))} and the p99 ratio over {Range(sets.Select(set => set.P99Ratio))} in this run: Azurite, shared with other people's builds and tests on these cores, answered the same enqueue in milliseconds one moment and hundreds of milliseconds the next. Where that spread is wider than the 10 % asked, a pooled ratio off by more than 10 % is that noise as much as the front door, and the hop's own cost above is the better measure of what redundancy costs.");
        yield return result.Missing == 0
            ? F($"No acknowledged webhook was lost: all {result.Acknowledged:N0} acknowledged wamids were found in a region's inbox (region-1's, as the front door sent everything to the primary).")
            : F($"**{result.Missing:N0} acknowledged webhooks were in neither region's inbox**: invariant 1 is broken; investigate before reading any figure.");
    }

    public static IEnumerable<string> Rows(RegionsBenchSettings s, TimeSpan probeInterval)
    {
        yield return F($"**Through the front door to region-1**: `POST /api/whatsapp/webhook` to the local front door, which forwards it byte for byte to region-1 (priority 1, in service), where the host reads the body, checks the signature, parses it, writes the envelope to region-1's inbox queue in devstoreaccount1 and only then answers 200; the front door passes the 200 back. The front door probes both regions every {RegionsSection.Sec(probeInterval)} meanwhile, as it always does.");
        yield return F($"**Straight to region-1**: the same POSTs from the same client to region-1's own address: the same work without the hop. Region-2 runs beside it, idle but probed, in both scenarios.");
        yield return F($"**Bare 200** (as in the webhook benchmark): a Kestrel endpoint built the way the local host builds it, on the same route, that answers every POST with 200 and does nothing else; **bare 200 through a front door of its own**: a second local front door (default settings) with that endpoint as its only origin. Their ratio is the proxy hop alone, with no product behind it.");
        yield return F($"The regions' inbox pumps do not run in this part (the hosts run their routes only, as `TwoLocalRegionsTests` runs them), so the rounds measure the acknowledgement, as the webhook benchmark's do; after each concurrency both inboxes are read back in full (every message received, hidden for an hour, its envelope opened), every wamid acknowledged in the rounds must be in one of them, and both are emptied. A warm-up of {s.WarmUpRequests:N0} requests per scenario at concurrency {s.MaxConcurrency} runs first; each round starts after a full GC.");
        yield return F($"The load generator (one `HttpClient`, HTTP/1.1 keep-alive, a connection per request in flight) runs in the same process as everything else, as in the other benchmarks: its cost is the same on both sides of each ratio.");
    }

    private static string Range(IEnumerable<double> ratios)
    {
        var list = ratios.Where(r => !double.IsNaN(r)).ToList();
        return list.Count == 0 ? "n/a" : list.Count == 1 ? R(list[0]) : F($"{R(list.Min())}-{R(list.Max())}");
    }
}

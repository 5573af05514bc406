using System.Globalization;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Local.FrontDoor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>One set of rounds at one concurrency: one round of each scenario, back to back.</summary>
/// <param name="FrontDoorFirst">The order: through the front door first (front door, direct, bare 200, bare 200 through a front door) or the reverse.</param>
internal sealed record RedundancySet(bool FrontDoorFirst, RoundResult ViaFrontDoor, RoundResult Direct, RoundResult BareOk, RoundResult BareViaProxy)
{
    public double ThroughputRatio => ViaFrontDoor.Throughput / Direct.Throughput;

    public double P99Ratio => ViaFrontDoor.Latency.P99Ms / Direct.Latency.P99Ms;
}

/// <summary>Every set of one concurrency, each scenario's rounds pooled, and the audit of the inboxes.</summary>
/// <param name="Acknowledged">Webhooks answered 200 through the front door and straight to region-1.</param>
/// <param name="FoundInPrimary">Of those, found in region-1's inbox.</param>
/// <param name="FoundInSecondary">Of those, found in region-2's inbox (none unless the front door failed over).</param>
internal sealed record RedundancyConcurrency(
    int Concurrency,
    IReadOnlyList<RedundancySet> Sets,
    PooledRounds ViaFrontDoor,
    PooledRounds Direct,
    PooledRounds BareOk,
    PooledRounds BareViaProxy,
    int Acknowledged,
    int FoundInPrimary,
    int FoundInSecondary)
{
    public int Missing => Acknowledged - FoundInPrimary - FoundInSecondary;

    public double ThroughputRatio => ViaFrontDoor.Throughput / Direct.Throughput;

    public double P99Ratio => ViaFrontDoor.Latency.P99Ms / Direct.Latency.P99Ms;

    public double ProxyThroughputRatio => BareViaProxy.Throughput / BareOk.Throughput;

    public double ProxyP99Ratio => BareViaProxy.Latency.P99Ms / BareOk.Latency.P99Ms;

    /// <summary>Redundancy costs at most <paramref name="maxCost"/> (0.10: throughput at least 0.90×, p99 at most 1.10×), nothing lost.</summary>
    public bool MeetsTarget(double maxCost) => ThroughputRatio >= 1 - maxCost && P99Ratio <= 1 + maxCost && Missing == 0 && ViaFrontDoor.Failed == 0;
}

/// <summary>The redundancy cost: each concurrency's sets and the whole run's audit.</summary>
internal sealed record RedundancyResult(IReadOnlyList<RedundancyConcurrency> Results, int BodyBytes, int Acknowledged, int Missing);

/// <summary>
/// Issue 12, "redundancy doesn't impact normal operations": closed-loop signed webhooks at each concurrency through the
/// local front door against straight to region-1, with the bare limits beside them (bare 200, and bare 200 behind a
/// front door of its own: what the proxy hop costs alone). The rounds of a set run back to back, in reverse order every
/// other set, so drift and the machine's noise hit them alike. The regions' inbox pumps are not running (as in the
/// webhook benchmark, the rounds measure the acknowledgement); after each concurrency both inboxes are read back, every
/// acknowledged wamid must be in one of them, and both are emptied.
/// </summary>
internal sealed class RedundancyCost(TwoRegions regions, BenchNames names, RegionsBenchSettings settings, TextWriter progress)
{
    public async Task<RedundancyResult> RunAsync(CancellationToken ct)
    {
        await using var bareOk = await BareOkEndpoint.StartAsync(ct).ConfigureAwait(false);
        var proxyOptions = new LocalFrontDoorOptions { Listen = "http://127.0.0.1:0", Origins = [bareOk.WebhookUri.GetLeftPart(UriPartial.Authority)] };
        var proxy = LocalFrontDoor.Build(proxyOptions, logging => logging.ClearProviders());
        await proxy.StartAsync(ct).ConfigureAwait(false);
        try
        {
            var proxyOrigin = proxy.Services.GetRequiredService<OriginTable>().Origins[0];
            while (proxyOrigin.Health.State != OriginState.InService)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
            }

            var bareViaProxy = BoundWebhookUri.Of(proxy);
            using var poster = new WebhookPoster(settings.MaxConcurrency);
            var targets = new Targets(regions.FrontDoorWebhookUri, regions.Primary.WebhookUri, bareOk.WebhookUri, bareViaProxy);

            progress.WriteLine($"redundancy: warm-up, {settings.WarmUpRequests} requests per scenario at concurrency {settings.MaxConcurrency}");
            var warm = await SetAsync(poster, targets, "warm", settings.MaxConcurrency, settings.WarmUpRequests, frontDoorFirst: true, ct).ConfigureAwait(false);
            var warmFound = await AuditAsync(warm.Acknowledged, ct).ConfigureAwait(false);
            var acknowledged = warm.Acknowledged.Count;
            var missing = warm.Acknowledged.Count - warmFound.Primary - warmFound.Secondary;

            var results = new List<RedundancyConcurrency>();
            foreach (var concurrency in settings.Concurrencies)
            {
                var sets = new List<RedundancySet>();
                var acknowledgedHere = new List<string>();
                for (var set = 0; set < settings.Pairs; set++)
                {
                    var label = string.Create(CultureInfo.InvariantCulture, $"c{concurrency}s{set}");
                    var measured = await SetAsync(poster, targets, label, concurrency, settings.RequestsPerRound, frontDoorFirst: set % 2 == 0, ct).ConfigureAwait(false);
                    sets.Add(measured.Set);
                    acknowledgedHere.AddRange(measured.Acknowledged);
                }

                var found = await AuditAsync(acknowledgedHere, ct).ConfigureAwait(false);
                var result = new RedundancyConcurrency(
                    concurrency,
                    sets,
                    PooledRounds.Of(sets.Select(s => s.ViaFrontDoor)),
                    PooledRounds.Of(sets.Select(s => s.Direct)),
                    PooledRounds.Of(sets.Select(s => s.BareOk)),
                    PooledRounds.Of(sets.Select(s => s.BareViaProxy)),
                    acknowledgedHere.Count,
                    found.Primary,
                    found.Secondary);
                results.Add(result);
                acknowledged += result.Acknowledged;
                missing += result.Missing;
                progress.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  c={concurrency,-3} front door / direct: throughput {result.ThroughputRatio:F3}, p99 {result.P99Ratio:F3}; audit: {result.Acknowledged} acknowledged, {found.Primary} in region-1's inbox, {found.Secondary} in region-2's"));
            }

            var bodyBytes = SignedWebhook.Build("size", 1, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, TimeProvider.System.GetUtcNow())[0].Body.Length;
            return new RedundancyResult(results, bodyBytes, acknowledged, missing);
        }
        finally
        {
            await proxy.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await proxy.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<(RedundancySet Set, List<string> Acknowledged)> SetAsync(
        WebhookPoster poster, Targets targets, string label, int concurrency, int count, bool frontDoorFirst, CancellationToken ct)
    {
        var sentAt = TimeProvider.System.GetUtcNow();
        SignedWebhook[] Build(string scenario) => SignedWebhook.Build($"{scenario}-{label}", count, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, sentAt);
        var viaFrontDoorPosts = Build("fd");
        var directPosts = Build("direct");
        var okPosts = Build("ok");
        var proxyPosts = Build("proxy");

        var rounds = new Dictionary<string, RoundResult>();
        var order = new (string Scenario, Uri Target, SignedWebhook[] Posts)[]
        {
            ("front door", targets.FrontDoor, viaFrontDoorPosts),
            ("direct", targets.Direct, directPosts),
            ("bare 200", targets.BareOk, okPosts),
            ("bare 200 via fd", targets.BareViaProxy, proxyPosts),
        };
        foreach (var (scenario, target, posts) in frontDoorFirst ? order : order.Reverse())
        {
            rounds[scenario] = await RoundAsync(scenario, label, concurrency, count, (i, c) => poster.PostAsync(target, posts[i], c), ct).ConfigureAwait(false);
        }

        var acknowledged = rounds["front door"].SucceededIndexes.Select(i => viaFrontDoorPosts[i].Wamid)
            .Concat(rounds["direct"].SucceededIndexes.Select(i => directPosts[i].Wamid))
            .ToList();
        return (new RedundancySet(frontDoorFirst, rounds["front door"], rounds["direct"], rounds["bare 200"], rounds["bare 200 via fd"]), acknowledged);
    }

    private Task<RoundResult> RoundAsync(string scenario, string label, int concurrency, int count, Func<int, CancellationToken, Task<bool>> operation, CancellationToken ct) =>
        ClosedLoopRound.RunAsync(progress, scenario, label, concurrency, count, settings.MaxRoundDuration, operation, ct);

    /// <summary>How many of <paramref name="acknowledged"/> each region's inbox holds; then both inboxes are emptied.</summary>
    private async Task<(int Primary, int Secondary)> AuditAsync(IReadOnlyCollection<string> acknowledged, CancellationToken ct)
    {
        var (primary, _) = await InboxAudit.ReadAllAsync(TwoRegions.Inbox(1, names), ct).ConfigureAwait(false);
        var (secondary, _) = await InboxAudit.ReadAllAsync(TwoRegions.Inbox(2, names), ct).ConfigureAwait(false);
        await TwoRegions.Inbox(1, names).ClearMessagesAsync(ct).ConfigureAwait(false);
        await TwoRegions.Inbox(2, names).ClearMessagesAsync(ct).ConfigureAwait(false);
        var inPrimary = acknowledged.Count(primary.Contains);
        return (inPrimary, acknowledged.Count(w => !primary.Contains(w) && secondary.Contains(w)));
    }

    private sealed record Targets(Uri FrontDoor, Uri Direct, Uri BareOk, Uri BareViaProxy);
}

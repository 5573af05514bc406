using System.Globalization;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// One set of acknowledgement rounds, back to back: BSUID-only webhooks alone, both kinds interleaved, phone-number webhooks
/// alone (the two single-kind rounds swap places from one set to the next).
/// </summary>
/// <param name="Interleaved">Both kinds in one stream, alternating request by request: the kinds' latencies under the same conditions.</param>
internal sealed record AckSet(bool BsuidOnlyFirst, RoundResult BsuidOnly, RoundResult Interleaved, RoundResult Phone);

/// <summary>Every set of rounds of one concurrency, and the rounds of each kind pooled.</summary>
/// <param name="BsuidOnly">The BSUID-only rounds: their throughput against <paramref name="Phone"/>'s.</param>
/// <param name="InterleavedBsuidOnly">The BSUID-only requests of the interleaved rounds: their latency against <paramref name="InterleavedPhone"/>'s.</param>
/// <param name="PhoneOddRounds">The phone-number rounds of odd sets pooled, against <paramref name="PhoneEvenRounds"/>: identical
/// work twice, so their ratio shows how far apart the machine's noise alone puts two measurements.</param>
/// <param name="InterleavedPhoneA">Half of the interleaved rounds' phone-number requests (every fourth request) against the other half
/// (<paramref name="InterleavedPhoneB"/>): the noise of the interleaved latencies.</param>
internal sealed record AckConcurrencyResult(
    int Concurrency,
    IReadOnlyList<AckSet> Sets,
    PooledRounds BsuidOnly,
    PooledRounds Phone,
    PooledRounds InterleavedBsuidOnly,
    PooledRounds InterleavedPhone,
    PooledRounds PhoneOddRounds,
    PooledRounds PhoneEvenRounds,
    PooledRounds InterleavedPhoneA,
    PooledRounds InterleavedPhoneB);

/// <summary>The acknowledgement comparison: each concurrency's sets of rounds, the webhooks' sizes, and the audit of the inbox queue.</summary>
/// <param name="Acknowledged">Webhooks answered 200, warm-up included.</param>
/// <param name="Missing">Acknowledged but not found in the inbox queue: must be 0.</param>
internal sealed record AckComparisonResult(
    IReadOnlyList<AckConcurrencyResult> Results, int BsuidOnlyBodyBytes, int PhoneBodyBytes, int Acknowledged, int Missing);

/// <summary>
/// Webhook acknowledgement by the real local host, BSUID-only payloads (username users: no <c>from</c>, no <c>wa_id</c>) against
/// phone-number payloads (phone number and BSUID), the same size. At each concurrency, sets of three rounds back to back:
/// each kind alone (for throughput; the kind that goes first alternating) and both interleaved request by request (for
/// latency under the same conditions), so drift and the machine's noise hit both kinds alike. After each set the inbox
/// queue is audited (every acknowledged wamid must be in it) and emptied, so every round starts from an empty queue.
/// </summary>
internal sealed class AckComparison(LocalHostTarget host, BenchNames names, IdentityBenchSettings settings, TextWriter progress)
{
    // Senders far from the inbox comparison's, though these webhooks never reach the directory (the inbox workers are stopped).
    private const int FirstUser = 90_000_000;
    private const int DistinctUsers = 10_000;

    private int acknowledged;
    private int missing;

    public async Task<AckComparisonResult> RunAsync(CancellationToken ct)
    {
        var bodyBytes = (BsuidOnly: Build("c1s0", 1, _ => BenchSenders.UsernameUser)[0].Body.Length, Phone: Build("c1s0", 1, _ => BenchSenders.PhoneUser)[0].Body.Length);
        progress.WriteLine($"ack: webhook bodies {bodyBytes.BsuidOnly} bytes (BSUID only) and {bodyBytes.Phone} bytes (phone number and BSUID)");
        using var poster = new WebhookPoster(settings.MaxAckConcurrency);

        progress.WriteLine($"ack: warm-up, {settings.AckWarmUpRequests} webhooks of each kind at concurrency {settings.MaxAckConcurrency}");
        await SetAsync(poster, "warm", settings.MaxAckConcurrency, settings.AckWarmUpRequests, bsuidOnlyFirst: true, ct).ConfigureAwait(false);

        var results = new List<AckConcurrencyResult>();
        foreach (var concurrency in settings.AckConcurrencies)
        {
            var sets = new List<AckSet>();
            for (var set = 0; set < settings.AckSets; set++)
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"c{concurrency}s{set}");
                sets.Add(await SetAsync(poster, label, concurrency, settings.AckRequestsPerRound, bsuidOnlyFirst: set % 2 == 0, ct).ConfigureAwait(false));
            }

            // Interleaved rounds send BSUID-only webhooks at even indexes and phone-number webhooks at odd ones.
            PooledRounds Interleaved(int every, params int[] remainders) =>
                PooledRounds.Of(sets.Select(p => p.Interleaved.Only(i => remainders.Contains(i % every))));
            results.Add(new AckConcurrencyResult(
                concurrency,
                sets,
                PooledRounds.Of(sets.Select(p => p.BsuidOnly)),
                PooledRounds.Of(sets.Select(p => p.Phone)),
                Interleaved(2, 0),
                Interleaved(2, 1),
                PooledRounds.Of(sets.Where((_, i) => i % 2 == 1).Select(p => p.Phone)),
                PooledRounds.Of(sets.Where((_, i) => i % 2 == 0).Select(p => p.Phone)),
                Interleaved(4, 1),
                Interleaved(4, 3)));
        }

        return new AckComparisonResult(results, bodyBytes.BsuidOnly, bodyBytes.Phone, acknowledged, missing);
    }

    private async Task<AckSet> SetAsync(WebhookPoster poster, string label, int concurrency, int count, bool bsuidOnlyFirst, CancellationToken ct)
    {
        // Both kinds' labels have the same length, so their wamids, and so their bodies, do too.
        var bsuidPosts = Build($"bsuid-{label}", count, _ => BenchSenders.UsernameUser);
        var phonePosts = Build($"phone-{label}", count, _ => BenchSenders.PhoneUser);
        var mixedPosts = Build($"mixed-{label}", count, i => i % 2 == 0 ? BenchSenders.UsernameUser : BenchSenders.PhoneUser);
        var first = await RoundAsync(bsuidOnlyFirst ? "BSUID only" : "phone + BSUID", label, concurrency, bsuidOnlyFirst ? bsuidPosts : phonePosts, poster, ct).ConfigureAwait(false);
        var interleaved = await RoundAsync("interleaved", label, concurrency, mixedPosts, poster, ct).ConfigureAwait(false);
        var last = await RoundAsync(bsuidOnlyFirst ? "phone + BSUID" : "BSUID only", label, concurrency, bsuidOnlyFirst ? phonePosts : bsuidPosts, poster, ct).ConfigureAwait(false);
        var (bsuidOnly, phone) = bsuidOnlyFirst ? (first, last) : (last, first);

        await AuditAsync(
            label,
            [
                .. bsuidOnly.SucceededIndexes.Select(i => bsuidPosts[i].Wamid),
                .. interleaved.SucceededIndexes.Select(i => mixedPosts[i].Wamid),
                .. phone.SucceededIndexes.Select(i => phonePosts[i].Wamid),
            ],
            ct).ConfigureAwait(false);
        return new AckSet(bsuidOnlyFirst, bsuidOnly, interleaved, phone);
    }

    private async Task<RoundResult> RoundAsync(string kind, string label, int concurrency, SignedWebhook[] posts, WebhookPoster poster, CancellationToken ct)
    {
        // Each round starts from a clean heap, so one kind's garbage is not collected on the other's clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var result = await LoadGenerator.RunAsync(concurrency, posts.Length, settings.AckMaxRoundDuration, (i, c) => poster.PostAsync(host.WebhookUri, posts[i], c), ct)
            .ConfigureAwait(false);
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  ack {label,-8} {kind,-14} {result.Succeeded,6}/{result.Attempted,-6} ok  {result.Throughput,6:F0} msg/s  p50 {result.Latency.P50Ms,7:F2} ms  p99 {result.Latency.P99Ms,7:F2} ms"));
        return result;
    }

    private async Task AuditAsync(string label, IReadOnlyList<string> acknowledgedWamids, CancellationToken ct)
    {
        var (recorded, _) = await InboxAudit.ReadAllAsync(names.InboxQueue, ct).ConfigureAwait(false);
        var lost = acknowledgedWamids.Count(wamid => !recorded.Contains(wamid));
        acknowledged += acknowledgedWamids.Count;
        missing += lost;
        if (lost > 0)
        {
            progress.WriteLine($"  ack {label}: {lost} acknowledged webhooks are not in the inbox queue");
        }

        await InboxAudit.ClearAsync(names.InboxQueue, ct).ConfigureAwait(false);
    }

    // Request i comes from user FirstUser + i (mod DistinctUsers) of the kind kindOf(i) picks.
    private static SignedWebhook[] Build(string label, int count, Func<int, Func<int, UserIdentifiers>> kindOf)
    {
        var sentAt = TimeProvider.System.GetUtcNow();
        return IdentityWebhooks.Build(label, count, i => kindOf(i)(FirstUser + (i % DistinctUsers)), _ => sentAt, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId);
    }
}

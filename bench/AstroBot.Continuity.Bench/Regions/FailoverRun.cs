using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Local.FrontDoor;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>Both regions' inbox depths at one moment (approximate message counts: hidden messages included).</summary>
internal sealed record InboxDepth(TimeSpan At, int Primary, int Secondary);

/// <summary>What the bot queue, the ledger and the inboxes showed after the failover.</summary>
/// <param name="HandedOver">Webhooks of the load on the bot queue (distinct wamids).</param>
/// <param name="HandedOverBeforeKill">Of them, handed over before the kill: the primary's pace in the steady state.</param>
/// <param name="Lost">Acknowledged webhooks not on the bot queue: must be 0.</param>
/// <param name="Duplicates">Wamids on the bot queue more than once: must be 0.</param>
/// <param name="DuplicatesAcrossTheKill">Of them, webhooks the primary acknowledged before the kill and marked processed after it: handed over
/// by the dead pump, which died before it marked them, and again after the return (the bot queue contract's "at least once").</param>
/// <param name="PrimaryInboxAtKill">Region-1's inbox right after the kill: the backlog, plus copies written but never acknowledged.</param>
/// <param name="Backlog">Webhooks the primary acknowledged before the kill and had not handed to the bot by then.</param>
/// <param name="BacklogDone">When the last of them was handed to the bot (the ledger's <c>ProcessedAt</c>), on the timeline's clock.</param>
/// <param name="BacklogWithin10s">How many of them were handed over within 10 s of the primary's return.</param>
/// <param name="ProcessedWhileDead">Of them, handed over between the kill and the return: work the stopped host still finished.</param>
/// <param name="Poisoned">Messages in either region's inbox poison queue: should be 0.</param>
internal sealed record FailoverAudit(
    int HandedOver, int HandedOverBeforeKill, int Lost, int Duplicates, int DuplicatesAcrossTheKill, int PrimaryInboxAtKill, int Backlog, TimeSpan? BacklogDone, int BacklogWithin10s, int ProcessedWhileDead, int Poisoned);

/// <summary>One failover run: the timeline, the load, the settings the figures follow from, and the audit.</summary>
/// <param name="Drained">When both inboxes were empty at last (null: not within the wait).</param>
/// <param name="KillWaited">How long after the steady period the kill waited for region-1's inbox to hold a message.</param>
internal sealed record FailoverResult(
    FailoverTimeline Timeline,
    PacedRoundResult Load,
    LocalFrontDoorOptions FrontDoor,
    ProbeArithmetic Local,
    ProbeArithmetic Azure,
    TimeSpan VisibilityTimeout,
    TimeSpan ClaimDuration,
    IReadOnlyList<InboxDepth> Depths,
    TimeSpan? Drained,
    TimeSpan KillWaited,
    int GivenUp,
    FailoverAudit Audit);

/// <summary>
/// Issue 12, failover: a steady paced load of signed webhooks through the front door with Meta's retries; both regions'
/// inbox pumps run and hand messages to the shared bot queue, where nothing consumes them (no bot stand-in), so every
/// hand-over can be counted. After a steady period the primary is killed, the load goes on, the primary comes back (a
/// new host on the same address and accounts), the load goes on until the front door has moved traffic back, then stops,
/// and the benchmark waits until both inboxes are empty. Then the bot queue and the ledger are read back.
/// </summary>
internal sealed class FailoverRun(TwoRegions regions, BenchNames names, RegionsBenchSettings settings, ProbeArithmetic azure, TextWriter progress)
{
    private const int Workers = 256;

    // A steady state of known users: after the first message of each, every message resolves to a person the identity
    // directory already has (a first contact costs the inbox several more storage requests).
    public const int Senders = 20;

    // How long the kill waits, at the most, for a moment when the primary has work in hand.
    private static readonly TimeSpan MaxKillWait = TimeSpan.FromSeconds(10);

    // How long to wait for the inboxes to empty, at the most, while they still get shorter.
    private static readonly TimeSpan MaxDrain = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    public async Task<FailoverResult> RunAsync(CancellationToken ct)
    {
        var frontDoor = regions.Primary.Services.GetRequiredService<IOptions<FrontDoorOptions>>().Value;
        var local = ProbeArithmetic.Local(regions.FrontDoorOptions);
        var planned = settings.Steady + settings.Outage + settings.MaxFailbackWait + settings.AfterFailback + TimeSpan.FromSeconds(10);
        var webhooks = SignedWebhook.Build("failover", (int)(settings.Rate * planned.TotalSeconds), LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, TimeProvider.System.GetUtcNow(), Senders);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover: {settings.Rate} webhooks/s through the front door, Meta's retries {settings.FirstRetry.TotalMilliseconds:N0} ms doubling to {settings.MaxRetry.TotalMilliseconds:N0} ms; probes every {local.Interval.TotalSeconds:N2} s, out after {local.FailuresToTakeOut} failures, back after {local.SuccessesToReturn} successes and {local.RestorationDelay.TotalSeconds:N0} s"));

        await regions.Primary.StartInboxPumpAsync(ct).ConfigureAwait(false);
        await regions.Secondary.StartInboxPumpAsync(ct).ConfigureAwait(false);
        using var poster = new WebhookPoster(Workers);
        var zero = Stopwatch.GetTimestamp();
        var startedAt = TimeProvider.System.GetUtcNow();
        TimeSpan Now() => Stopwatch.GetElapsedTime(zero);
        var sender = new MetaRetries(poster, regions.FrontDoorWebhookUri, settings, zero);
        await using var watch = new RouteWatch(regions.Origins, zero, change => progress.WriteLine($"  {change.At.TotalSeconds,7:F2} s  front door: route {change.Route ?? "none"} ({change.States})"));
        using var stopLoad = new CancellationTokenSource();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var depths = new List<InboxDepth>();
        var sampling = SampleDepthsAsync(depths, Now, stopSampling.Token);
        var load = PacedLoadGenerator.RunAsync(settings.Rate, Workers, webhooks.Length, (i, c) => sender.DeliverAsync(i, webhooks[i], c), stopLoad.Token, ct);

        await Task.Delay(settings.Steady, ct).ConfigureAwait(false);
        var killWaited = await WaitForWorkInPrimaryAsync(Now, ct).ConfigureAwait(false);
        var kill = Now();
        await regions.Primary.KillAsync().ConfigureAwait(false);
        var killed = Now();
        var atKill = (await TwoRegions.Inbox(1, names).GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kill.TotalSeconds,7:F2} s  primary killed (stopped in {(killed - kill).TotalMilliseconds:N0} ms); its inbox holds {atKill} messages"));

        await DelayUntilAsync(kill + settings.Outage, Now, ct).ConfigureAwait(false);
        await regions.RestartPrimaryAsync(ct).ConfigureAwait(false);
        var back = Now();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {back.TotalSeconds,7:F2} s  primary back on {regions.Primary.BaseUri}, its inbox pump running"));

        var failbackDeadline = back + settings.MaxFailbackWait;
        while (watch.Changes.LastOrDefault() is not { Route: FailoverTimeline.Primary } last || last.At < back)
        {
            if (Now() > failbackDeadline)
            {
                progress.WriteLine("  the front door did not move traffic back within the wait");
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
        }

        await Task.Delay(settings.AfterFailback, ct).ConfigureAwait(false);
        await stopLoad.CancelAsync().ConfigureAwait(false);
        var loadStopped = Now();
        var paced = await load.ConfigureAwait(false);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {loadStopped.TotalSeconds,7:F2} s  load stopped: {paced.Round.Succeeded:N0} of {paced.Round.Attempted:N0} webhooks acknowledged; waiting for both inboxes to empty"));

        // Messages the dead primary's pump held are hidden until their visibility timeout ends; then it processes them.
        var drainDeadline = Later(kill + frontDoor.VisibilityTimeout, loadStopped) + TimeSpan.FromSeconds(90);
        var drained = await WaitUntilDrainedAsync(depths, Now, drainDeadline, loadStopped + MaxDrain, ct).ConfigureAwait(false);
        await stopSampling.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await regions.Primary.StopInboxPumpAsync(ct).ConfigureAwait(false);
        await regions.Secondary.StopInboxPumpAsync(ct).ConfigureAwait(false);

        var timeline = new FailoverTimeline(sender.Attempts, watch.Changes, new FailoverMoments(kill, killed, back, loadStopped));
        progress.WriteLine("failover: reading back the bot queue and the ledger");
        var audit = await AuditAsync(timeline, webhooks, atKill, startedAt, ct).ConfigureAwait(false);
        return new FailoverResult(
            timeline, paced, regions.FrontDoorOptions, local, azure, frontDoor.VisibilityTimeout, frontDoor.ClaimDuration, depths, drained, killWaited, paced.Round.Attempted - paced.Round.Succeeded, audit);
    }

    private async Task<FailoverAudit> AuditAsync(FailoverTimeline timeline, SignedWebhook[] webhooks, int atKill, DateTimeOffset startedAt, CancellationToken ct)
    {
        var onBotQueue = (await QueueReadBack.ReadAllAsync(TwoRegions.BotQueue(names), ct).ConfigureAwait(false))
            .Select(BotQueueMessage.FromQueueText)
            .GroupBy(message => message.Wamid, StringComparer.Ordinal)
            .ToDictionary(sameWamid => sameWamid.Key, sameWamid => sameWamid.Count(), StringComparer.Ordinal);
        var ours = webhooks.Select(w => w.Wamid).ToHashSet(StringComparer.Ordinal);
        var lost = timeline.AcknowledgedWebhooks.Count(i => !onBotQueue.ContainsKey(webhooks[i].Wamid));
        var duplicates = onBotQueue.Where(pair => ours.Contains(pair.Key) && pair.Value > 1).Select(pair => pair.Key).ToList();

        // When each webhook of the load was handed over: the ledger marks a wamid processed right after its hand-over.
        var ledger = new TableClient("UseDevelopmentStorage=true", names.LedgerTable);
        var processedAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        await foreach (var row in ledger.QueryAsync<TableEntity>("RowKey eq 'inbound'", select: ["PartitionKey", "ProcessedAt"], cancellationToken: ct).ConfigureAwait(false))
        {
            if (row.GetDateTimeOffset("ProcessedAt") is { } at)
            {
                processedAt[row.PartitionKey] = at - startedAt;
            }
        }

        var moments = timeline.Moments;
        var primaryAcknowledged = timeline.AcknowledgedBeforeKill.Select(i => webhooks[i].Wamid).ToHashSet(StringComparer.Ordinal);
        var acrossTheKill = duplicates.Count(w => primaryAcknowledged.Contains(w) && processedAt.TryGetValue(w, out var at) && at > moments.Kill);
        var backlog = timeline.AcknowledgedBeforeKill
            .Select(i => processedAt.TryGetValue(webhooks[i].Wamid, out var at) ? at : (TimeSpan?)null)
            .Where(at => at is null || at > moments.Kill)
            .ToList();
        var poisoned = 0;
        foreach (var region in new[] { 1, 2 })
        {
            var poison = TwoRegions.InboxPoison(region, names);
            poisoned += await poison.ExistsAsync(ct).ConfigureAwait(false) ? (await poison.GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount : 0;
        }

        return new FailoverAudit(
            onBotQueue.Count(pair => ours.Contains(pair.Key)),
            processedAt.Count(pair => ours.Contains(pair.Key) && pair.Value < moments.Kill),
            lost,
            duplicates.Count,
            acrossTheKill,
            atKill,
            backlog.Count,
            backlog.Count > 0 && backlog.All(at => at is not null) ? backlog.Max() : null,
            backlog.Count(at => at <= moments.Return + TimeSpan.FromSeconds(10)),
            backlog.Count(at => at < moments.Return),
            poisoned);
    }

    /// <summary>
    /// Waits, at most <see cref="MaxKillWait"/>, for region-1's inbox to hold a message (waiting, or in its pump's hands), so
    /// that the kill leaves work behind, which is the case the backlog figure is about; how long it waited.
    /// </summary>
    private async Task<TimeSpan> WaitForWorkInPrimaryAsync(Func<TimeSpan> now, CancellationToken ct)
    {
        var inbox = TwoRegions.Inbox(1, names);
        var from = now();
        while (now() - from < MaxKillWait && (await inbox.GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount == 0)
        {
        }

        return now() - from;
    }

    private async Task SampleDepthsAsync(List<InboxDepth> depths, Func<TimeSpan> now, CancellationToken ct)
    {
        var primary = TwoRegions.Inbox(1, names);
        var secondary = TwoRegions.Inbox(2, names);
        while (!ct.IsCancellationRequested)
        {
            var at = now();
            var one = await primary.GetPropertiesAsync(ct).ConfigureAwait(false);
            var two = await secondary.GetPropertiesAsync(ct).ConfigureAwait(false);
            lock (depths)
            {
                depths.Add(new InboxDepth(at, one.Value.ApproximateMessagesCount, two.Value.ApproximateMessagesCount));
            }

            await Task.Delay(SampleEvery, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for both inboxes to be empty: until <paramref name="deadline"/>, and after it while they still got shorter in the last 30 s, up to <paramref name="cap"/>.</summary>
    private async Task<TimeSpan?> WaitUntilDrainedAsync(List<InboxDepth> depths, Func<TimeSpan> now, TimeSpan deadline, TimeSpan cap, CancellationToken ct)
    {
        var reported = TimeSpan.Zero;
        while (now() < cap)
        {
            InboxDepth? latest;
            bool shrinking;
            lock (depths)
            {
                latest = depths.LastOrDefault();
                var before = depths.LastOrDefault(d => latest is not null && d.At <= latest.At - TimeSpan.FromSeconds(30));
                shrinking = latest is not null && before is not null && latest.Primary + latest.Secondary < before.Primary + before.Secondary;
            }

            if (now() > deadline && !shrinking)
            {
                break;
            }

            if (latest is { Primary: 0, Secondary: 0 })
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {latest.At.TotalSeconds,7:F2} s  both inboxes empty"));
                return latest.At;
            }

            if (latest is not null && now() - reported >= TimeSpan.FromSeconds(30))
            {
                reported = now();
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {latest.At.TotalSeconds,7:F2} s  inboxes: region-1 {latest.Primary}, region-2 {latest.Secondary}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
        }

        return null;
    }

    private static async Task DelayUntilAsync(TimeSpan at, Func<TimeSpan> now, CancellationToken ct)
    {
        var wait = at - now();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }
    }

    private static TimeSpan Later(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

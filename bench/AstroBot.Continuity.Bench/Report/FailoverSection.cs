using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Regions;
using AstroBot.Continuity.Bench.Scenarios;
using static AstroBot.Continuity.Bench.Report.IdentitySection;
using static AstroBot.Continuity.Bench.Report.RegionsSection;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The regions section's part on the failover: the primary killed under load, and brought back.</summary>
internal static class FailoverSection
{
    public static void Render(FailoverResult f, RegionsBenchSettings s, Action<FormattableString> line)
    {
        var t = f.Timeline;
        var mo = t.Moments;
        var a = f.Audit;
        line($"### Failover under load: the primary killed and brought back");
        line($"");
        line($"Signed webhooks at a steady {s.Rate:N0} per second (paced, open loop) through the front door, each sent again as Meta does until it is answered 200; both regions' inbox pumps running, handing messages to the shared bot queue, which nothing consumes. After {s.Steady.TotalSeconds:N0} s, at the first moment region-1's inbox holds a message (waiting or in its pump's hands, so the crash leaves work behind; {Sec(f.KillWaited)} later here, 10 s at the most), the primary is killed; {s.Outage.TotalSeconds:N0} s after the kill it comes back; {s.AfterFailback.TotalSeconds:N0} s after the front door has moved traffic back the load stops; then the run waits until both inboxes are empty. Times are on the load's clock (0 = the first webhook's due time).");
        line($"");
        line($"| moment | at |");
        line($"|---|---:|");
        line($"| primary killed (its host and inbox pump stopped in {(mo.Killed - mo.Kill).TotalMilliseconds:N0} ms); its inbox then held {a.PrimaryInboxAtKill:N0} messages | {Sec(mo.Kill)} |");
        line($"| front door takes region-1 out: traffic to region-2 | {Sec(t.Switch)} |");
        line($"| primary back: a new host listening on the same address, the same accounts, its inbox pump running | {Sec(mo.Return)} |");
        line($"| front door gives traffic back to region-1 | {Sec(t.Failback)} |");
        line($"| load stopped (webhooks already sent were retried until acknowledged) | {Sec(mo.LoadStopped)} |");
        line($"| last of the primary's backlog handed to the bot | {Sec(a.BacklogDone)} |");
        line($"| both inboxes empty | {Sec(f.Drained)} |");
        line($"");
        line($"The front door's origin states as they changed (watched in its origin table every 5 ms):");
        line($"");
        line($"| at | route | origins |");
        line($"|---:|---|---|");
        foreach (var change in t.Routes)
        {
            line($"| {Sec(change.At)} | {change.Route ?? "none (503)"} | {change.States} |");
        }

        line($"");
        line($"What the probe settings predict, and what this run measured. *Local*: the front door of this run, read from its options. *Azure*: Front Door as `bicep/modules/frontDoorRouting.bicep` sets it up (docs/availability.md, \"Front Door: probe settings and failover time\"), projected with the same arithmetic: traffic moves at the k-th failed probe in a row, the first of which comes within one interval of the failure, so (k−1)·interval to k·interval after it; back after s successful probes in a row, then the restoration delay rounded up to whole probes.");
        line($"");
        var (projected, atThisPhase) = AzureProjection(f);
        line($"| | local front door (this run) | Azure Front Door (projected) |");
        line($"|---|---:|---:|");
        line($"| probe interval | {Sec(f.Local.Interval)} | {Sec(f.Azure.Interval)} |");
        line($"| taken out at the k-th failed probe in a row | {f.Local.FailuresToTakeOut} | {f.Azure.FailuresToTakeOut} (sample size {f.Azure.FailuresToTakeOut + f.Azure.SuccessesToReturn - 1}, {f.Azure.SuccessesToReturn} successes required) |");
        line($"| healthy again after s successes in a row, then the restoration delay | {f.Local.SuccessesToReturn}, then {Sec(f.Local.RestorationDelay)} | {f.Azure.SuccessesToReturn}, no delay |");
        line($"| traffic moves after the kill: predicted | {Window(f.Local.Failover)} | {Window(f.Azure.Failover)} |");
        line($"| traffic moved after the kill: **measured** | **{Sec(t.Detection)}** | |");
        line($"| longest time with no acknowledgement, by send time: **measured**, and projected (the Azure window plus what the measurement adds to the local one) | **{Sec(t.FailoverGap?.Length)}** ({Sec(t.FailoverGap?.From)} to {Sec(t.FailoverGap?.To)}) | **{Window(projected)}**, {Sec(atThisPhase)} at the point of the probe cycle this kill fell on |");
        line($"| traffic moves back after the primary answers again: predicted | {Window(f.Local.Failback)} | {Window(f.Azure.Failback)} |");
        line($"| traffic moved back after the primary answered again: **measured** | **{Sec(t.FailbackTime)}** | |");
        line($"| longest time with no acknowledgement around the failback (steady state before the kill: {Sec(t.SteadyGap?.Length)}) | {Sec(t.FailbackGap?.Length)} | |");
        line($"");

        var delays = LatencySummary.FromDurations(t.DelaysToAcknowledgement(mo.Kill, t.Switch ?? mo.LoadStopped));
        var notOk = t.NotAcknowledgedByStatus;
        line($"| count | |");
        line($"|---|---:|");
        line($"| webhooks sent | {t.Webhooks:N0} |");
        line($"| acknowledged (200), at the first attempt or a retry | {t.AcknowledgedWebhooks.Count:N0} |");
        line($"| attempts answered otherwise, each sent again: {(notOk.Count == 0 ? "none" : string.Join(", ", notOk.Select(pair => F($"{StatusName(pair.Key)} {pair.Value:N0}"))))} | {notOk.Values.Sum():N0} |");
        line($"| webhooks that needed a retry | {t.RetriedWebhooks:N0} |");
        line($"| of the webhooks first sent between the kill and the switch, first send to acknowledgement: p50 / max | {Ms(delays.P50Ms)} / {Ms(delays.MaxMs)} ms |");
        line($"| given up (not acknowledged {MetaRetries.GiveUpAfter.TotalMinutes:N0} min after the first send) | {f.GivenUp:N0} |");
        line($"| handed to the bot (distinct wamids on the bot queue) | {a.HandedOver:N0} |");
        line($"| **acknowledged but never handed to the bot (lost)** | **{a.Lost:N0}** |");
        line($"| **handed to the bot more than once (duplicates)**; of them, handed over by the dying primary and again after its return | **{a.Duplicates:N0}**; {a.DuplicatesAcrossTheKill:N0} |");
        line($"| the primary's backlog: acknowledged by it before the kill, not yet handed to the bot | {a.Backlog:N0} |");
        line($"| of which handed over within 10 s of its return / while it was dead | {a.BacklogWithin10s:N0} / {a.ProcessedWhileDead:N0} |");
        line($"| last of the backlog handed over, after the primary's return | {Sec(a.BacklogDone - mo.Return)} |");
        line($"| messages in either inbox's poison queue | {a.Poisoned:N0} |");
        line($"| inbox depth, most seen: region-1 before the kill / region-2 while the primary was dead | {MaxDepth(f, d => d.At < mo.Kill, d => d.Primary)} / {MaxDepth(f, d => d.At >= mo.Kill && d.At < mo.Return, d => d.Secondary)} |");
        line($"| send lateness of the paced load, p99 / max | {Ms(f.Load.Lateness.P99Ms)} / {Ms(f.Load.Lateness.MaxMs)} ms |");
        line($"");
    }

    public static IEnumerable<string> Verdict(FailoverResult f, RegionsBenchSettings s)
    {
        var t = f.Timeline;
        var a = f.Audit;
        var mo = t.Moments;
        yield return a.Lost == 0 && f.GivenUp == 0
            ? F($"**Failover: nothing lost.** All {t.AcknowledgedWebhooks.Count:N0} acknowledged webhooks reached the bot queue, the {a.Backlog:N0} the primary had acknowledged and not yet processed when it died included.")
            : F($"**Failover: {a.Lost:N0} acknowledged webhooks lost, {f.GivenUp:N0} never acknowledged** (each must be 0): investigate before reading any figure.");
        yield return a.Duplicates == 0
            ? F($"**Nothing handed to the bot twice** (0 duplicates, as the issue asks).")
            : a.Duplicates == a.DuplicatesAcrossTheKill
                ? F($"**{a.Duplicates:N0} webhook(s) handed to the bot twice: the issue's 0 is missed.** Each is one the primary had acknowledged before the kill and whose ledger mark came after it: its pump had written it to the bot queue and died before marking it processed in the ledger (the last two steps of `InboxProcessor`, one storage round trip apart), so its queue message came back after the visibility timeout and the returned primary handed it over again. This is the window docs/bot-queue-contract.md documents (\"at least once, idempotent by `wamid`\": a crash between the hand-over and the mark puts a wamid on the queue twice, and the bot treats a wamid it has handled as done), so the bot sees it once; zero duplicates on the queue itself would need the hand-over and the mark to be one atomic write, which a queue and a table cannot share.")
                : F($"**{a.Duplicates:N0} webhook(s) handed to the bot twice, {a.Duplicates - a.DuplicatesAcrossTheKill:N0} of them not explained by the kill** (must be 0): investigate.");
        var (projected, atThisPhase) = AzureProjection(f);
        var overhead = t.FailoverGap?.Length - t.Detection;
        var within = t.Detection is { } d && d >= f.Local.Failover.Min - TimeSpan.FromMilliseconds(100) && d <= f.Local.Failover.Max + TimeSpan.FromMilliseconds(250);
        yield return F($"**Failover time: {Sec(t.FailoverGap?.Length)} without an acknowledgement** (the longest stretch of send times in which no attempt was answered 200). The front door moved traffic {Sec(t.Detection)} after the kill, {(within ? "within" : "outside")} the {Window(f.Local.Failover)} its settings predict (a probe every {Sec(f.Local.Interval)}, out at the {Ordinal(f.Local.FailuresToTakeOut)} failure in a row); the other {Sec(overhead)} are requests already on their way to the dead primary and the wait of the (compressed) retries until the first one after the switch.");
        yield return F($"**Projected to Azure's settings** (a probe every {Sec(f.Azure.Interval)}, out at the {Ordinal(f.Azure.FailuresToTakeOut)} failure in a row): {Window(projected)} without an acknowledgement, {Sec(atThisPhase)} for a kill at this run's point of the probe cycle. That is per edge: each Front Door edge probes and switches on its own, so for up to a minute some of Meta's requests still reach the dead region; and Meta's real retries back off over minutes, so a webhook first sent in that window is acknowledged at its first retry after its edge switched, not {Sec(s.MaxRetry)} after it as here. A region that goes dark instead of refusing connections adds the probe's own timeout to each failed probe.");
        var notOk = t.NotAcknowledgedByStatus;
        yield return F($"Meanwhile {notOk.Values.Sum():N0} attempts were not acknowledged ({(notOk.Count == 0 ? "none" : string.Join(", ", notOk.Select(pair => F($"{StatusName(pair.Key)}: {pair.Value:N0}"))))}) and sent again; {t.RetriedWebhooks:N0} webhooks needed a retry, none was lost.");
        // Messages the dead pump held reappear at the kill plus the visibility timeout; when that is after the return, they come last.
        var reappear = mo.Kill + f.VisibilityTimeout;
        var hidden = reappear > mo.Return && a.BacklogDone is { } done && done >= reappear - TimeSpan.FromSeconds(10);
        var pace = a.HandedOverBeforeKill / mo.Kill.TotalSeconds;
        yield return pace >= s.Rate * 0.9
            ? F($"The inboxes kept up with the load before the kill: {a.HandedOverBeforeKill:N0} webhooks were handed to the bot in the first {Sec(mo.Kill)}, {pace:N1} a second against {s.Rate:N0} sent (region-1's inbox held at most {MaxDepth(f, d => d.At < mo.Kill, d => d.Primary)} messages).")
            : F($"The primary's inbox pump did not keep up with {s.Rate:N0} webhooks a second on this machine at this time: {a.HandedOverBeforeKill:N0} were handed to the bot in the first {Sec(mo.Kill)}, {pace:N1} a second (region-1's inbox grew to {MaxDepth(f, d => d.At < mo.Kill, d => d.Primary)} messages before the kill), so its backlog at the kill includes that queue, and its processing time below is mostly the pump's pace, not the failover's.");
        yield return F($"**The dead region's backlog**: {a.Backlog:N0} webhooks the primary had acknowledged and not yet handed to the bot when it died (its inbox held {a.PrimaryInboxAtKill:N0} messages right after the kill, copies written but never acknowledged included). They wait in region-1's own queue, which only region-1 reads: the front door moves new webhooks, not recorded ones. The last was handed over {Sec(a.BacklogDone - mo.Return)} after the primary's return ({a.BacklogWithin10s:N0} of {a.Backlog:N0} within 10 s).{(hidden ? F($" The last ones were the messages the primary's pump had received when it died: hidden for `FrontDoor:VisibilityTimeout` ({Sec(f.VisibilityTimeout)}) from when it took them (a moment before the kill), so until up to {Sec(reappear - mo.Return)} after this return. In Azure the Functions queue trigger hides a message it has taken for 10 minutes (renewed while the function runs; Azure/azure-webjobs-sdk#1040), so after a crash such messages wait up to 10 minutes, in the region that failed.") : "")}");
        yield return F($"**Failback: {Sec(t.FailbackTime)}** after the primary answered again ({Window(f.Local.Failback)} predicted: {f.Local.SuccessesToReturn} successful probes, then the restoration delay of {Sec(f.Local.RestorationDelay)} counted in probes); Azure: {Window(f.Azure.Failback)} (no restoration delay). Moving back cost no acknowledgement: the longest gap between acknowledged sends around it was {Sec(t.FailbackGap?.Length)}, against {Sec(t.SteadyGap?.Length)} in the steady state before the kill.");
        yield return F($"These are times, not ratios: they are set against the probe settings that produce them, which the shared machine's noise does not move; the noise shows in the part the probes do not explain (the {Sec(overhead)} above) and in the backlog's pace.");
    }

    public static IEnumerable<string> Rows(FailoverResult f, RegionsBenchSettings s)
    {
        yield return F($"**The load**: {s.Rate:N0} signed one-message webhooks a second from {FailoverRun.Senders} senders in turn (so after the first {FailoverRun.Senders} every message comes from a person the identity directory already knows, the inbox's steady state), each due at its time whatever the others do ({256} workers, so a webhook waiting for its retries holds back no other), through the front door. The rate is meant to be below what one local inbox pump processes (it takes one message at a time: about 55 a second in the identity benchmark, far fewer when Azurite is busy with other people's tests), so that the primary's backlog at the kill is what a crash leaves behind, not a queue that was growing anyway; the verdict says whether it was.");
        yield return F($"**Meta's retries, compressed**: any answer but 200 (here a 502 from the front door while it still routes to the dead primary, a 503 while no region is in service, or no answer at all) is sent again, the same wamid and the same signed body, after {s.FirstRetry.TotalMilliseconds:N0} ms, doubling up to {s.MaxRetry.TotalMilliseconds:N0} ms between attempts. Meta backs off exponentially over minutes to hours and keeps trying for 7 days; compressed, so a run takes minutes.");
        yield return F($"**The kill** happens in this process: the primary's `WebApplication` and its inbox pump are stopped with a token that is already cancelled, then disposed. Kestrel closes its listening socket and aborts every open connection without draining it (requests the front door had forwarded get a reset, new connections are refused, so the next probe fails at once), and the pump's work in hand is cancelled: the batch it had received stays hidden in region-1's inbox until `FrontDoor:VisibilityTimeout`. A process kill (`kill -9`, as docs/availability.md shows by hand) stops everything at the same instant instead of at each task's next await, so a storage call already sent may still complete here (counted: \"handed over while it was dead\"); the inbox's cancellation path gives its ledger claim back, where a killed process leaves it to lapse after `FrontDoor:ClaimDuration` ({Sec(f.ClaimDuration)}), which changes nothing here since the message stays hidden longer; and the return here is a new host in a warm process, milliseconds, where a new process would first start the runtime (seconds more before the primary answers, which delays the failback, not the failover).");
        yield return F($"**The return**: a new `ContinuityLocalHost` on the same address with the same settings, so the same accounts and the same inbox with whatever the dead one left in it; its inbox pump starts at once. The front door is never told: it finds out by its probes.");
        yield return F($"**No acknowledgement, by send time**: every attempt's send time and answer are recorded; the figure is the longest stretch between the send times of two consecutive attempts that were answered 200 (a send time, not the answer's, so the retries' back-off does not count unless no attempt was made). The front door's changes are read from its origin table in this process every 5 ms. Its probes come a little less often than the interval: YARP starts a round of probes one interval after the previous round *ended* (its `EntityActionScheduler` sets the timer again after the round), and a round lasts as long as its slowest readiness check (each one reads Cosmos DB and storage), so on a busy machine each probe step is the interval plus tens to hundreds of milliseconds, and a window of several steps (the failback's) grows accordingly.");
        yield return F($"**Lost, duplicates, the backlog**: after both inboxes are empty (approximate message counts, hidden messages included, read every second) the bot queue is read back in full; each acknowledged wamid must be on it once. When each webhook was handed over comes from the ledger, which marks a wamid processed (`ProcessedAt`) right after its hand-over; the backlog is the webhooks acknowledged before the kill (all by the primary, which took all traffic until then) and marked processed after it.");
    }

    /// <summary>
    /// The Azure window plus what the measurement added to the local detection (requests in flight, the retries' wait),
    /// and the same for a kill at the point of the probe cycle this run's kill fell on.
    /// </summary>
    private static ((TimeSpan Min, TimeSpan Max) Window, TimeSpan? AtThisPhase) AzureProjection(FailoverResult f)
    {
        var t = f.Timeline;
        var overhead = (t.FailoverGap?.Length ?? TimeSpan.Zero) - (t.Detection ?? TimeSpan.Zero);
        var window = (f.Azure.Failover.Min + overhead, f.Azure.Failover.Max + overhead);
        if (t.Detection is not { } detection)
        {
            return (window, null);
        }

        // Where in its probe cycle the kill fell: 0 just before a probe, 1 just after one.
        var phase = Math.Clamp((detection - f.Local.Failover.Min) / f.Local.Interval, 0, 1);
        return (window, f.Azure.Failover.Min + f.Azure.Interval * phase + overhead);
    }

    private static string MaxDepth(FailoverResult f, Func<InboxDepth, bool> when, Func<InboxDepth, int> depth)
    {
        var seen = f.Depths.Where(when).Select(depth).ToList();
        return seen.Count == 0 ? "n/a" : F($"{seen.Max():N0}");
    }

    private static string StatusName(int status) => status == WebhookPoster.NoAnswer ? "no answer" : F($"HTTP {status}");

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => F($"{n}th"),
    };
}

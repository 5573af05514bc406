using AstroBot.Continuity.Bench.Identity;
using AstroBot.Continuity.Bench.Load;
using static AstroBot.Continuity.Bench.Report.IdentitySection;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The identity section's part on the inbox: processing with the identity directory against the same work without it.</summary>
internal static class InboxSection
{
    private static readonly (InboxScenario Scenario, string Label)[] Separate =
    [
        (InboxScenario.KnownUsers, "with the directory (`InboxProcessor`, known users), alone"),
        (InboxScenario.Bare, "without the directory (bare), alone"),
        (InboxScenario.DirectoryAlone, "the directory alone (`IdentityResolver.ResolveAsync`, known users)"),
        (InboxScenario.FirstContacts, "with the directory, first contacts (`InboxProcessor`, new users)"),
    ];

    /// <summary>Side by side (interleaved rounds): a message's mean latency with the directory ÷ without it.</summary>
    public static double LatencyRatio(InboxConcurrencyResult r) => Ratio(r.Interleaved(true).Latency.MeanMs, r.Interleaved(false).Latency.MeanMs);

    /// <summary>Side by side: the directory's share of a message's mean latency, 1 − without ÷ with.</summary>
    public static double LatencyShare(InboxConcurrencyResult r) => 1 - (1 / LatencyRatio(r));

    /// <summary>Interleaved: two halves of the messages without the directory (every fourth against the ones in between): identical work, so only noise.</summary>
    public static double Noise(InboxConcurrencyResult r)
    {
        var rounds = r.Rounds.Where(x => x.Scenario == InboxScenario.Interleaved).Select(x => x.Round).ToList();
        double Mean(int remainder) => PooledRounds.Of(rounds.Select(round => round.Only(i => i % 4 == remainder))).Latency.MeanMs;
        return Ratio(Mean(1), Mean(3));
    }

    /// <summary>Separate rounds: messages/s with the directory ÷ without, and the directory's share of the time by difference.</summary>
    public static (double Throughput, double Share) SeparateRounds(InboxConcurrencyResult r)
    {
        var with = r.Pooled(InboxScenario.KnownUsers);
        var without = r.Pooled(InboxScenario.Bare);
        return (Ratio(with.Throughput, without.Throughput), 1 - Ratio(without.MsPerItem, with.MsPerItem));
    }

    /// <summary>Alone rounds, round by round: the directory's share of the time per message in each round's pair of with and without.</summary>
    public static IReadOnlyList<double> RoundShares(InboxConcurrencyResult r)
    {
        var with = r.Rounds.Where(x => x.Scenario == InboxScenario.KnownUsers).Select(x => x.Round).ToList();
        var without = r.Rounds.Where(x => x.Scenario == InboxScenario.Bare).Select(x => x.Round).ToList();
        return [.. with.Zip(without, (w, b) => 1 - Ratio(w.Throughput, b.Throughput))];
    }

    /// <summary>The directory alone's time per message ÷ the inbox's with it (separate rounds).</summary>
    public static double ShareAlone(InboxConcurrencyResult r) =>
        Ratio(r.Pooled(InboxScenario.DirectoryAlone).MsPerItem, r.Pooled(InboxScenario.KnownUsers).MsPerItem);

    public static void Render(IdentityBenchRun run, Action<FormattableString> line)
    {
        var inbox = run.Inbox;
        line($"### Inbox processing: with the identity directory against the same work without it");
        line($"");
        line($"Steady state: the {inbox.KnownUsers:N0} known users, half phone-number users and half username users, were put in the directory by their first messages before anything was timed; the first-contacts rows are every sender's first message. Each row pools the rounds of one scenario at one concurrency (webhooks processed at once); latency is one webhook's processing, nearest-rank over all of the row's messages. *Alone*: rounds of one scenario only; messages/s is all processed messages over the rounds' summed wall time, ms per message its inverse: what the inbox can get through, with the directory and without it. *Interleaved*: rounds in which messages with the directory and without it alternate one by one, each side with its own half of the senders, so both see the same moments of the machine; they share the round's wall time, so these rows give latencies only.");
        line($"");
        line($"| concurrency | scenario | rounds | messages | messages/s | ms per message | p50 (ms) | p99 (ms) | mean (ms) |");
        line($"|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in inbox.Results)
        {
            foreach (var (label, rows) in new[] { ("**with the directory**, interleaved", r.Interleaved(true)), ("**without the directory**, interleaved", r.Interleaved(false)) })
            {
                line($"| {r.Concurrency} | {label} | {rows.Rounds} | {rows.Succeeded:N0} | | | {Ms(rows.Latency.P50Ms)} | {Ms(rows.Latency.P99Ms)} | {Ms(rows.Latency.MeanMs)} |");
            }

            foreach (var (scenario, label) in Separate)
            {
                var rows = r.Pooled(scenario);
                line($"| {r.Concurrency} | {Row(label, rows)} {Ms(rows.Latency.MeanMs)} |");
            }
        }

        line($"");
        line($"Ratios, with the directory against without it. *Alone*: messages/s with ÷ without, and the directory's share of the time per message (1 − without ÷ with). *Side by side*: a message's mean latency with ÷ without, and the directory's share of it; the noise column makes the same ratio between two halves of the messages without the directory (every fourth against the ones in between), identical work. At concurrency 1 nothing waits for anything else, so latency and time per message are the same thing and the two should agree; above 1 they answer different questions (see the verdict). Then the directory's work alone against a message with it (alone rounds), and a first contact against a known user's message.");
        line($"");
        line($"| concurrency | messages/s with ÷ without | directory's share of the time | latency with ÷ without, side by side | directory's share of the latency, side by side | noise | directory alone ÷ with | first contact ÷ known user |");
        line($"|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in inbox.Results)
        {
            var (throughput, share) = SeparateRounds(r);
            var first = Ratio(r.Pooled(InboxScenario.FirstContacts).MsPerItem, r.Pooled(InboxScenario.KnownUsers).MsPerItem);
            line($"| {r.Concurrency} | **{R(throughput)}** | **{Percent(share)}** | {R(LatencyRatio(r))} | **{Percent(LatencyShare(r))}** | {R(Noise(r))} | {Percent(ShareAlone(r))} | {R(first)} |");
        }

        line($"");
        line($"Storage requests per message, counted in an untimed pass after the rounds (one message at a time, {inbox.StorageCalls.FirstOrDefault()?.Messages ?? 0} of each kind; the Azure SDK's request events, by the table or queue they went to):");
        line($"");
        line($"| messages | directory table | ledger table | confirmation table | bot queue | all |");
        line($"|---|---:|---:|---:|---:|---:|");
        foreach (var c in inbox.StorageCalls)
        {
            line($"| {c.Work} | {c.Directory:F1} | {c.Ledger:F1} | {c.Confirmations:F1} | {c.BotQueue:F1} | {c.Total:F1} |");
        }

        line($"");
        line($"How long Azurite took to answer, in an untimed interleaved round of each concurrency after the timed ones (from the SDK sending a request to its response, with the SDK's request events on; reads are GETs, writes everything else):");
        line($"");
        line($"| concurrency | reads | mean read answer (ms) | writes | mean write answer (ms) | write ÷ read |");
        line($"|---:|---:|---:|---:|---:|---:|");
        foreach (var t in inbox.AnswerTimes)
        {
            line($"| {t.Concurrency} | {t.Reads:N0} | {Ms(t.ReadMs)} | {t.Writes:N0} | {Ms(t.WriteMs)} | {R(Ratio(t.WriteMs, t.ReadMs))} |");
        }

        var checkedAll = inbox.KnownUsersChecked.Add(inbox.FirstContactsChecked);
        line($"");
        line($"Checks: {checkedAll.Routed:N0} messages the product processed in the timed rounds were found in the bot queue ({inbox.KnownUsersChecked.Routed:N0} from known users, each under the key the directory gave its sender before the clock started; {inbox.FirstContactsChecked.Routed:N0} first contacts, each under a new key of its own: the phone number for phone-number users, a minted `u-` key for username users); **{checkedAll.Missing:N0} missing, {checkedAll.WrongPerson:N0} under the wrong person**. {inbox.Failures:N0} work items failed{(inbox.FirstFailure is { } failure ? F($" (first: {failure})") : "")}. The directory holds {inbox.PersonsInDirectory:N0} people at the end, {inbox.PersonsExpected:N0} expected (the canary's, the known users, every first contact): {(inbox.PersonsInDirectory == inbox.PersonsExpected ? "nobody was made twice" : "**they differ**")}.");
        line($"");
    }

    public static IEnumerable<string> Verdict(IdentityBenchRun run)
    {
        var inbox = run.Inbox;
        foreach (var r in inbox.Results)
        {
            var with = r.Pooled(InboxScenario.KnownUsers);
            var without = r.Pooled(InboxScenario.Bare);
            var (throughput, share) = SeparateRounds(r);
            var first = r.Pooled(InboxScenario.FirstContacts);
            yield return F($"Inbox at concurrency {r.Concurrency} (no target set): **{with.Throughput:N0} messages/s with the directory against {without.Throughput:N0} without it, {R(throughput)}×**; the directory took {Percent(share)} of the time per message ({Ms(with.MsPerItem)} against {Ms(without.MsPerItem)} ms). Side by side a message's mean latency was {R(LatencyRatio(r))}× ({Ms(r.Interleaved(true).Latency.MeanMs)} against {Ms(r.Interleaved(false).Latency.MeanMs)} ms), the directory's share of it {Percent(LatencyShare(r))}. The directory's work alone took {Percent(ShareAlone(r))} of the time of a message with it. A first contact took {R(Ratio(first.MsPerItem, with.MsPerItem))}× a known user's message ({first.Throughput:N0} messages/s).");
        }

        var single = inbox.Results.FirstOrDefault(r => r.Concurrency == 1);
        if (single is not null)
        {
            yield return F($"At concurrency 1 (how the local inbox pump works) the side-by-side figure is the one to quote: **the directory takes {Percent(LatencyShare(single))} of a message's time**, {R(1 / LatencyRatio(single))}× the messages per second; the alone rounds ({Percent(SeparateRounds(single).Share)} pooled) ran seconds to minutes apart, and on this shared machine a round's pace swings with whatever else runs at that moment: round by round their share ranged from {Percent(RoundShares(single).Min())} to {Percent(RoundShares(single).Max())} in this run, while two halves of identical work side by side differed by {R(Noise(single))}.");
        }

        var loaded = inbox.Results.Where(r => r.Concurrency > 1).ToList();
        var answers = inbox.AnswerTimes.Where(t => t.Concurrency > 1).ToList();
        if (loaded.Count > 0 && answers.Count > 0)
        {
            var r = loaded[^1];
            var t = answers[^1];
            yield return F($"Above concurrency 1 the two ways answer different questions. The alone rounds measure what Azurite can get through, and the directory's reads take their share of it: {R(SeparateRounds(r).Throughput)}× the messages per second at concurrency {r.Concurrency}. Side by side, a message's latency grew only {R(LatencyRatio(r))}×: with many requests in flight Azurite answered a write in {Ms(t.WriteMs)} ms on average and a read in {Ms(t.ReadMs)} ms ({R(Ratio(t.WriteMs, t.ReadMs))}×, table above), so a message's time goes mostly to waiting for its writes, which are the same with the directory and without it, while the directory adds only reads.");
        }

        if (inbox.Results.Count > 1 && inbox.Results[^1].Pooled(InboxScenario.Bare).Throughput < 1.2 * inbox.Results[0].Pooled(InboxScenario.Bare).Throughput)
        {
            yield return F($"More messages at once did not make the inbox faster here, with the directory or without it ({inbox.Results[0].Pooled(InboxScenario.Bare).Throughput:N0} messages/s bare at concurrency {inbox.Results[0].Concurrency}, {inbox.Results[^1].Pooled(InboxScenario.Bare).Throughput:N0} at {inbox.Results[^1].Concurrency}): Azurite's table service, one Node.js process on these {run.Machine.Cores} shared cores, is the limit, and requests wait in it rather than overlap. On Table storage in Azure, which serves requests in parallel, more at once would be expected to raise both (not measured here).");
        }

        if (inbox.StorageCalls.Count >= 5)
        {
            var (phone, username, bare, newPhone, newUsername) = (inbox.StorageCalls[0], inbox.StorageCalls[1], inbox.StorageCalls[2], inbox.StorageCalls[3], inbox.StorageCalls[4]);
            var known = (phone.Directory + username.Directory) / 2;
            yield return F($"Why: every message is a chain of storage round trips to Azurite, one after the other, and the directory adds links to that chain. Without it a message costs {bare.Total:F1} requests (the ledger's `IsProcessed`, `RecordInbound` as a read and a conditional write, `MarkProcessed`; the confirmation gate's read; the bot-queue enqueue). The directory adds {phone.Directory:F1} point reads for a known phone-number user (the links of the phone number and of the BSUID, and the person they point to) and {username.Directory:F1} for a known username user (the BSUID's link and the person): {known:F1} on average for this half-and-half mix, {Percent(known / (bare.Total + known))} of the requests of a message with the directory{(single is null ? "" : F($", against the {Percent(LatencyShare(single))} of the time measured side by side at concurrency 1"))}. Nothing is cached between messages (each resolution reads the links and the person afresh, which is what lets a change of number or an erasure count at once), so a steady-state message pays these reads every time. A first contact adds writes: {newPhone.Directory:F1} directory requests for a phone-number user, {newUsername.Directory:F1} for a username user (the person written, then a link per identifier inserted, the person read back).");
        }

        var checkedAll = inbox.KnownUsersChecked.Add(inbox.FirstContactsChecked);
        if (checkedAll.Missing > 0 || checkedAll.WrongPerson > 0 || inbox.Failures > 0 || inbox.PersonsInDirectory != inbox.PersonsExpected)
        {
            yield return F($"**The inbox checks failed** ({checkedAll.Missing:N0} missing, {checkedAll.WrongPerson:N0} under the wrong person, {inbox.Failures:N0} failures, {inbox.PersonsInDirectory:N0} people where {inbox.PersonsExpected:N0} were expected): investigate before reading the inbox figures.");
        }
    }

    public static IEnumerable<string> Rows(IdentityBenchRun run)
    {
        var s = run.Settings;
        yield return F($"**With the directory**: the host's own `InboxProcessor.ProcessAsync` (the service the Functions queue trigger and the local inbox pump call) on the text of an inbox queue message exactly as the front door records it (the Base64 envelope with the raw webhook body, built and signed before the clock starts; a one-text-message webhook from a known user in the shapes above, phone-number and username users alternating). Per message: envelope opened, webhook parsed, the ledger's `IsProcessed`, the sender resolved to their person by `IdentityResolver` on the run's own directory table, `RecordInbound`, the confirmation gate (`PortabilityConfirmationGate`, no question open), the message handed to the bot queue (`BotInboundMessage`, contract v2), `MarkProcessed`. Every message of the run is stamped one second after the one before, so each user's \"last wrote\" row moves forward as it does for people writing.");
        yield return F($"**Without the directory**: `Identity/BareInboxWork.cs`, the same steps in the same order through the same host's `MessageLedger`, `PendingConfirmations` and the same contract message, for messages from the same senders, with the sender's person taken from memory (the keys the directory gave before the clock started) instead of resolved; its enqueue goes to a queue of its own on the same Azurite. Besides the ledger and the bot-queue enqueue it does the confirmation gate's read, which the product does for every message and which is not the directory's: leaving it out would put it in the directory's share.");
        yield return F($"**The directory alone**: `IdentityResolver.ResolveAsync` for the same senders' identifiers, nothing else: the directory's own work, measured directly, in rounds of its own; Azurite then serves nothing but point reads, which is not the inbox's mix, so this share is a lower reference, not the figure. **First contacts**: `InboxProcessor.ProcessAsync` on messages from users the directory has never seen (half of each kind), so each creates a person and links their identifiers; kept out of the steady-state rows, so a reader can weigh them by their own share of new users.");
        yield return F($"Inbox load: the same closed loop as above, without HTTP, in the same host with nothing else running in it (inbox workers stopped, no scheduler, no export request pump): `c` webhooks processed at once (1 is how the local inbox pump works, one message after another; in Azure the queue trigger takes batches of 16 and up to 24 at once on an instance). At each concurrency {s.InboxRounds} round(s), each running the five scenarios (with the directory alone, without it alone, both interleaved, the directory's work alone, first contacts) one after the other after a full GC, the order rotating from round to round; each scenario's round processes up to {s.InboxMessagesPerRound:N0} messages or runs {s.InboxMaxRoundDuration.TotalSeconds:N0} s. The known users' first messages (their entry into the directory, {run.Inbox.Population.Throughput:N0} messages/s at concurrency {run.Inbox.Population.Concurrency}) and a warm-up of the bare loop ran before anything was timed. After each round with the product the bot queue is read back and checked, and emptied; the bare loop's queue is emptied too.");
    }
}

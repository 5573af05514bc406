using System.Globalization;
using System.Text;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>Renders the "Webhook acknowledgement (issue 2)" section of docs/benchmarks.md from one run.</summary>
internal static class WebhookAckSection
{
    public const string Key = "webhook";

    public static string Render(WebhookAckRun run, int bodyBytes, int queueTextChars)
    {
        var target = WebhookAckTarget.Issue2;
        var s = run.Settings;
        var m = run.Machine;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"## Webhook acknowledgement (issue 2)");
        Line($"");
        Line($"Reproduce: `bench/run` (full run, a few minutes; it starts the emulators if they are down and stops only what it started). `bench/run --quick` smoke-tests the harness in under a minute; its figures are not meant to be read.");
        Line($"");
        if (s.Quick)
        {
            Line($"> **This section was written by `bench/run --quick`: tiny counts, the figures below are a smoke test, not a measurement.**");
            Line($"");
        }

        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, {(s.Quick ? "quick" : "full")} mode, {run.Duration.TotalMinutes:F1} min in all.");
        Line($"- Machine: {m.Cores} cores, {m.Memory}, {m.OperatingSystem}.");
        Line($"- .NET: {m.Runtime}, SDK {m.Sdk}, Release build, {m.GcMode} GC. Azurite as it names itself: `{m.Azurite}` (Node.js, its own process, on the same 2 cores).");
        Line($"- Target (issue 2): at least {target.MinThroughput:N0} acknowledged messages/s with p99 at most {target.MaxP99Ms:N0} ms, every acknowledged message in the queue afterwards. (Meta's ceiling is 1,000 messages/s per number.)");
        Line($"");

        Line($"### Results");
        Line($"");
        Line($"Throughput in acknowledged messages per second, latency in milliseconds (send to complete answer), per concurrency (requests in flight).");
        Line($"");
        Line($"| concurrency | local host msg/s | p50 | p99 | bare 200 msg/s | p50 | p99 | bare enqueue msg/s | p50 | p99 |");
        Line($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in run.Results)
        {
            Line($"| {r.Concurrency} | **{r.LocalHost.Throughput:N0}** | {Ms(r.LocalHost.Latency.P50Ms)} | **{Ms(r.LocalHost.Latency.P99Ms)}** | {r.BareOk.Throughput:N0} | {Ms(r.BareOk.Latency.P50Ms)} | {Ms(r.BareOk.Latency.P99Ms)} | {r.BareEnqueue.Throughput:N0} | {Ms(r.BareEnqueue.Latency.P50Ms)} | {Ms(r.BareEnqueue.Latency.P99Ms)} |");
        }

        Line($"");
        Line($"| concurrency | throughput local / bare 200 | throughput local / bare enqueue | p99 local / bare 200 | p99 local / bare enqueue | sent | acknowledged (200) | found in queue | target met |");
        Line($"|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in run.Results)
        {
            Line($"| {r.Concurrency} | {Ratio(r.LocalHost.Throughput, r.BareOk.Throughput)} | {Ratio(r.LocalHost.Throughput, r.BareEnqueue.Throughput)} | {Ratio(r.LocalHost.Latency.P99Ms, r.BareOk.Latency.P99Ms)} | {Ratio(r.LocalHost.Latency.P99Ms, r.BareEnqueue.Latency.P99Ms)} | {r.LocalHost.Attempted:N0} | {r.Acknowledged:N0} | {r.FoundInQueue:N0} | {(r.MeetsTarget(target) ? "yes" : "no")} |");
        }

        Line($"");
        Line($"Whole run, warm-up included: {run.AcknowledgedTotal:N0} webhooks acknowledged, {run.InboxMessages:N0} messages read back from the inbox queue by the audits, **{run.MissingTotal:N0} acknowledged but missing**, {run.UnacknowledgedRecorded:N0} recorded without an acknowledgement (a write that completed after the client gave up; Meta would retry and the inbox dedupes by wamid).");
        Line($"");

        Line($"### Verdict");
        Line($"");
        foreach (var sentence in Verdict(run, target))
        {
            Line($"- {sentence}");
        }

        Line($"");
        Line($"### What each row measures");
        Line($"");
        Line($"- **local host**: the real `continuity serve` host (`ContinuityLocalHost.Build`, Kestrel on 127.0.0.1, an ephemeral port) receives `POST /api/whatsapp/webhook` with a one-text-message webhook as Meta sends it ({bodyBytes:N0} bytes, unique wamid, `X-Hub-Signature-256` over the raw body). It reads the body, checks the signature, parses it, writes the envelope to the Azurite inbox queue, and only then answers 200 (invariant 1). Nothing else runs in the host during the rounds: not the local scheduler (no scheduled job, and not the backup `continuity serve` catches up at start), not the export request pump nor the Durable Task engine, and its inbox workers are stopped after the canary (below); every queue, table and container it uses is this run's own.");
        Line($"- **bare 200**: the same POSTs from the same client to a Kestrel endpoint built the same way (slim builder, loopback, same route) that only returns 200: the floor of HTTP over loopback plus the load generator.");
        Line($"- **bare enqueue**: the front door's one durable write without the front door: `QueueClient.SendMessageAsync` of the Base64 envelope the front door writes for the same webhook ({queueTextChars:N0} characters), from a loop against the same Azurite, the same client construction as the product's `StorageClients`: the storage floor.");
        Line($"- Load: a closed loop, `c` workers each keeping one request in flight, bodies built and signed before the clock starts; one shared `HttpClient` (`SocketsHttpHandler`, `MaxConnectionsPerServer` = {s.MaxConcurrency}, HTTP/1.1 keep-alive). A round stops after {s.RequestsPerRound:N0} requests or {s.MaxRoundDuration.TotalSeconds:N0} s, whichever comes first; throughput is successes over the round's wall time; p50/p99 are nearest-rank over the successful requests. A warm-up of {s.WarmUpRequests:N0} requests per scenario at concurrency {s.MaxConcurrency} runs first; at each concurrency the three rounds run back to back (bare 200, local host, bare enqueue) after a full GC, so the machine's noise hits them alike.");
        Line($"- The load generator runs **in the same process** as the two Kestrel servers. On 2 cores every placement competes for the same CPUs (Azurite's Node process too); one process keeps the client's cost identical in all three rows, so it cancels in the ratios, and the run needs no second program to coordinate. The absolute figures therefore include the client's own CPU: a separate load generator machine would see more.");
        Line($"- Logging is set to Warning: `continuity serve` logs each webhook at Information to the console, which would measure the terminal; in Azure logs leave in batches through OpenTelemetry.");
        Line($"");

        Line($"### How acknowledgement was verified");
        Line($"");
        Line($"The local host also runs the inbox pump (`QueueInboxPump`, the Functions queue trigger's stand-in) and the bot stand-in; they would drain the inbox while it is being counted and take CPU from the front door on these 2 cores, while in Azure that work runs in the queue trigger, not in the webhook request. The benchmark therefore stops both hosted services once the host has started and one canary webhook has gone all the way through them (acknowledged, pumped, routed to the bot queue, answered by the stand-in into the Graph API sink), which shows they ran and lets them stop the way a shutdown stops them; then the load starts. The inbox queue then keeps everything the front door recorded. After each concurrency's three rounds every message of the run's inbox queue is received (hidden for an hour, so none is counted twice), its envelope opened and its webhook parsed; each wamid that concurrency got 200 for must be among them. \"found in queue\" counts those found. Both queues are then emptied (Azurite slows down as its queues grow), so each concurrency starts from empty queues. A 503 (the front door's answer when the write takes longer than its 10 s record timeout) is not an acknowledgement: Meta would send the webhook again.");
        Line($"");

        Line($"### How to read the ratios");
        Line($"");
        Line($"- *throughput local / bare*: 1.00 means the local host acknowledges as fast as the bare limit; 0.50 means half as fast.");
        Line($"- *p99 local / bare*: how many times the bare limit's tail latency the local host's is.");
        Line($"- Each acknowledgement is one HTTP exchange plus one enqueue, done one after the other within the request, so the local host cannot beat either floor. The bare 200 row shows what HTTP and the client cost; the bare enqueue row shows what Azurite costs; where the local host is close to bare enqueue, the queue write is where the time goes.");
        return md.ToString();
    }

    private static IEnumerable<string> Verdict(WebhookAckRun run, WebhookAckTarget target)
    {
        var met = run.Results.Where(r => r.MeetsTarget(target)).Select(r => r.Concurrency).ToList();
        var best = run.Results.MaxBy(r => r.LocalHost.Throughput)!;
        var bestEnqueue = run.Results.MaxBy(r => r.BareEnqueue.Throughput)!;
        var bestOk = run.Results.MaxBy(r => r.BareOk.Throughput)!;

        yield return met.Count > 0
            ? F($"**Target met** at concurrency {string.Join(", ", met)}: at least {target.MinThroughput:N0} msg/s with p99 at most {target.MaxP99Ms:N0} ms and every acknowledged message in the queue.")
            : F($"**Target not met** at any concurrency measured: the best was {best.LocalHost.Throughput:N0} msg/s (p99 {Ms(best.LocalHost.Latency.P99Ms)} ms) at concurrency {best.Concurrency}.");

        yield return run.MissingTotal == 0
            ? F($"No acknowledged message was lost: all {run.AcknowledgedTotal:N0} acknowledged wamids were found in the inbox queue.")
            : F($"**{run.MissingTotal:N0} acknowledged messages were not found in the inbox queue**: invariant 1 is broken; investigate before reading any figure.");

        var failed = run.Results.Sum(r => r.LocalHost.Failed);
        if (failed > 0)
        {
            yield return F($"{failed:N0} local host requests were not answered 200 (Meta would retry them).");
        }

        yield return F($"Floors on this machine: bare enqueue peaked at {bestEnqueue.BareEnqueue.Throughput:N0} msg/s (concurrency {bestEnqueue.Concurrency}), bare 200 at {bestOk.BareOk.Throughput:N0} msg/s (concurrency {bestOk.Concurrency}). At the local host's best concurrency ({best.Concurrency}) its throughput was {Ratio(best.LocalHost.Throughput, best.BareEnqueue.Throughput)}× that of bare enqueue and {Ratio(best.LocalHost.Throughput, best.BareOk.Throughput)}× that of bare 200.");

        if (bestEnqueue.BareEnqueue.Throughput < target.MinThroughput)
        {
            yield return F($"Azurite's enqueue alone stays below {target.MinThroughput:N0} msg/s here, so no front door over it could meet the target on this machine: the storage emulator is the floor.");
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Ratio(double a, double b) => b > 0 && !double.IsNaN(a) && !double.IsNaN(b) ? (a / b).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}

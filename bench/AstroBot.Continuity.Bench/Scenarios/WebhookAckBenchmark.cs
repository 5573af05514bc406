using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Report;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// Issue 2: webhook acknowledgement on the local host. At each concurrency the three scenarios run back to
/// back (bare 200, local host, bare enqueue), so the noise of this shared machine hits them alike and their
/// ratios mean something; then the inbox queue is audited against that concurrency's acknowledgements.
/// </summary>
internal sealed class WebhookAckBenchmark(BenchSettings settings, MachineInfo machine, TextWriter progress)
{
    public async Task<WebhookAckRun> RunAsync(CancellationToken ct)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var names = BenchNames.Create();
        progress.WriteLine($"run {names.RunId}: inbox queue {names.InboxQueue}, bare queue {names.BareQueue}");

        await using var bareOk = await BareOkEndpoint.StartAsync(ct).ConfigureAwait(false);
        await using var host = await LocalHostTarget.StartAsync(names, ct).ConfigureAwait(false);
        progress.WriteLine("local host up (no scheduler, no export request pump): a canary went through the inbox pump and the bot stand-in, both now stopped");
        var bareEnqueue = await BareEnqueue.CreateAsync(names.BareQueue, ct).ConfigureAwait(false);
        using var poster = new WebhookPoster(settings.MaxConcurrency);
        try
        {
            var audit = new AuditTally();
            progress.WriteLine($"warm-up: {settings.WarmUpRequests} requests per scenario at concurrency {settings.MaxConcurrency}");
            await RunTrioAsync("warmup", settings.MaxConcurrency, settings.WarmUpRequests).ConfigureAwait(false);

            var results = new List<ConcurrencyResult>();
            foreach (var concurrency in settings.Concurrencies)
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"c{concurrency}");
                results.Add(await RunTrioAsync(label, concurrency, settings.RequestsPerRound).ConfigureAwait(false));
            }

            return new WebhookAckRun(
                startedAt, clock.Elapsed, settings, machine, results,
                audit.InboxMessages, audit.Acknowledged, audit.Missing, audit.UnacknowledgedRecorded);

            async Task<ConcurrencyResult> RunTrioAsync(string label, int concurrency, int count)
            {
                var sentAt = TimeProvider.System.GetUtcNow();
                var okPosts = SignedWebhook.Build($"ok-{label}", count, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, sentAt);
                var hostPosts = SignedWebhook.Build($"host-{label}", count, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, sentAt);
                var queueTexts = BareEnqueue.QueueTexts(SignedWebhook.Build($"bare-{label}", count, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, sentAt), sentAt);

                var ok = await RoundAsync("bare 200", label, concurrency, count, ct, (i, c) => poster.PostAsync(bareOk.WebhookUri, okPosts[i], c)).ConfigureAwait(false);
                var local = await RoundAsync("local host", label, concurrency, count, ct, (i, c) => poster.PostAsync(host.WebhookUri, hostPosts[i], c)).ConfigureAwait(false);
                var enqueue = await RoundAsync("bare enqueue", label, concurrency, count, ct, (i, c) => bareEnqueue.SendAsync(queueTexts[i], c)).ConfigureAwait(false);

                // Audit this concurrency's acknowledgements now, then empty both queues: Azurite slows down as
                // its queues grow, and the next concurrency should not pay for this one's messages.
                var (recorded, messages) = await InboxAudit.ReadAllAsync(names.InboxQueue, ct).ConfigureAwait(false);
                var acknowledged = local.SucceededIndexes.Select(i => hostPosts[i].Wamid).ToHashSet(StringComparer.Ordinal);
                var found = acknowledged.Count(recorded.Contains);
                audit.Add(messages, acknowledged.Count, acknowledged.Count - found, recorded.Count(w => !acknowledged.Contains(w)));
                progress.WriteLine($"  {label,-7} audit: {acknowledged.Count} acknowledged, {found} found in the inbox queue ({messages} messages)");
                await InboxAudit.ClearAsync(names.InboxQueue, ct).ConfigureAwait(false);
                await bareEnqueue.ClearAsync(ct).ConfigureAwait(false);
                return new ConcurrencyResult(concurrency, local, ok, enqueue, found);
            }
        }
        finally
        {
            progress.WriteLine("removing the run's queues, container, table and database");
            await bareEnqueue.DeleteQueueAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DeleteResourcesAsync(names, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task<RoundResult> RoundAsync(
        string scenario, string label, int concurrency, int count, CancellationToken ct, Func<int, CancellationToken, Task<bool>> operation) =>
        ClosedLoopRound.RunAsync(progress, scenario, label, concurrency, count, settings.MaxRoundDuration, operation, ct);

    /// <summary>The audit's running totals over the whole run, warm-up included.</summary>
    private sealed class AuditTally
    {
        public int InboxMessages { get; private set; }

        public int Acknowledged { get; private set; }

        public int Missing { get; private set; }

        public int UnacknowledgedRecorded { get; private set; }

        public void Add(int inboxMessages, int acknowledged, int missing, int unacknowledgedRecorded)
        {
            InboxMessages += inboxMessages;
            Acknowledged += acknowledged;
            Missing += missing;
            UnacknowledgedRecorded += unacknowledgedRecorded;
        }
    }
}

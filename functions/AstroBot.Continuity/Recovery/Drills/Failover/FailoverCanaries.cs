using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The canaries of a failover drill, beside its switch and checks: a webhook every <c>Recovery:Failover:CanaryInterval</c>
/// (each on its own, so one the endpoint does not answer never delays the next) until the drill notes
/// <see cref="StopFact"/> (or is over) or <c>Recovery:Failover:CanaryWindow</c> has passed; then it waits until every
/// acknowledged one was processed, at most <c>Availability:ProbeHandOverWithin</c> after the last send, and reports.
/// </summary>
public sealed class FailoverCanaries(CanaryWebhooks webhooks, DrillRecorder recorder, IOptions<FailoverDrillOptions> options, IOptions<ProbeOptions> probe, TimeProvider time)
{
    /// <summary>The fact the drill notes when the canaries may stop.</summary>
    public const string StopFact = "canaries_stop";

    public async Task<CanaryReport> RunAsync(string drillId, CancellationToken ct)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var inFlight = new List<Task<SentCanary>>();
        while (time.GetElapsedTime(started) < settings.CanaryWindow && !await StopRequestedAsync(drillId, ct).ConfigureAwait(false))
        {
            inFlight.Add(webhooks.SendAsync(drillId, ct));
            await Task.Delay(settings.CanaryInterval, time, ct).ConfigureAwait(false);
        }

        var sent = await Task.WhenAll(inFlight).ConfigureAwait(false);
        var (processed, lost) = await WaitForHandOversAsync(sent, ct).ConfigureAwait(false);
        return new CanaryReport(
            sent.Length,
            sent.Count(canary => canary.Acknowledgement.Acknowledged),
            lost.Count,
            LongestWithoutAcknowledgement(sent),
            processed,
            lost.Count == 0 ? null : lost.Min(canary => canary.SentAt),
            lost.Count == 0 ? null : lost.Max(canary => canary.SentAt));
    }

    /// <summary>
    /// The longest stretch of the canaries' send times with no acknowledged canary: from the first send to the first
    /// acknowledged one, between two acknowledged ones in a row, and from the last acknowledged one to the last send.
    /// About one interval when nothing was missed; the whole window when nothing was acknowledged.
    /// </summary>
    public static TimeSpan LongestWithoutAcknowledgement(IReadOnlyCollection<SentCanary> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (sent.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var ordered = sent.OrderBy(canary => canary.SentAt).ToList();
        var marks = ordered.Where(canary => canary.Acknowledgement.Acknowledged).Select(canary => canary.SentAt)
            .Prepend(ordered[0].SentAt).Append(ordered[^1].SentAt).ToList();
        return marks.Zip(marks.Skip(1), (from, to) => to - from).Max();
    }

    private async Task<bool> StopRequestedAsync(string drillId, CancellationToken ct)
    {
        try
        {
            var record = await recorder.GetAsync(drillId, ct).ConfigureAwait(false);
            return record.IsOver || record.Facts.ContainsKey(StopFact);
        }
        catch (Exception exception) when (StorageFailure.Is(exception) && !ct.IsCancellationRequested)
        {
            return false; // the window still bounds the canaries
        }
    }

    private async Task<(Dictionary<string, int> Processed, List<SentCanary> Lost)> WaitForHandOversAsync(IReadOnlyList<SentCanary> sent, CancellationToken ct)
    {
        var processed = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = sent.Where(canary => canary.Acknowledgement.Acknowledged).ToList();
        if (waiting.Count == 0)
        {
            return (processed, waiting);
        }

        var deadline = sent.Max(canary => canary.SentAt) + probe.Value.ProbeHandOverWithin;
        while (true)
        {
            foreach (var canary in waiting.ToList())
            {
                if (await webhooks.HandOverAsync(canary, ct).ConfigureAwait(false) is { } handOver)
                {
                    var region = handOver.Region ?? "unnamed";
                    processed[region] = processed.GetValueOrDefault(region) + 1;
                    waiting.Remove(canary);
                }
            }

            if (waiting.Count == 0 || time.GetUtcNow() >= deadline)
            {
                return (processed, waiting);
            }

            await Task.Delay(options.Value.CanaryInterval, time, ct).ConfigureAwait(false);
        }
    }
}

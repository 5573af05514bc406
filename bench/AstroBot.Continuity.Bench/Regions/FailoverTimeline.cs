namespace AstroBot.Continuity.Bench.Regions;

/// <summary>One attempt to deliver one webhook, on the failover timeline's clock (from the start of the load).</summary>
/// <param name="Webhook">Which webhook (its index; the same wamid and body on every attempt).</param>
/// <param name="Number">1 for the first send, 2 for the first retry, and so on.</param>
/// <param name="Status">The HTTP status the front door answered, or <c>WebhookPoster.NoAnswer</c>.</param>
internal readonly record struct Attempt(int Webhook, int Number, TimeSpan Sent, TimeSpan Answered, int Status)
{
    public bool Acknowledged => Status == 200;
}

/// <summary>A change the front door made: which origin takes the traffic (null: none) and every origin's state after it.</summary>
internal sealed record RouteChange(TimeSpan At, string? Route, string States);

/// <summary>When the benchmark did what, on the timeline's clock.</summary>
/// <param name="Kill">The primary's kill began.</param>
/// <param name="Killed">The primary's host and inbox pump were stopped.</param>
/// <param name="Return">The new primary listened again (its inbox pump started right after).</param>
/// <param name="LoadStopped">No new webhook was sent after this (retries of earlier ones went on until acknowledged).</param>
internal sealed record FailoverMoments(TimeSpan Kill, TimeSpan Killed, TimeSpan Return, TimeSpan LoadStopped);

/// <summary>The longest stretch of send times in which no attempt was acknowledged: from the last acknowledged send before it to the first after it.</summary>
internal sealed record AckGap(TimeSpan From, TimeSpan To)
{
    public TimeSpan Length => To - From;
}

/// <summary>
/// The figures of a failover, computed from what was recorded and nothing else (no clock, no I/O): every attempt of
/// every webhook, the front door's route changes, and the moments of the kill and the return.
/// </summary>
internal sealed class FailoverTimeline(IReadOnlyList<Attempt> attempts, IReadOnlyList<RouteChange> routes, FailoverMoments moments)
{
    public const string Primary = "region-1";

    private readonly Attempt[] acknowledgedBySend = [.. attempts.Where(a => a.Acknowledged).OrderBy(a => a.Sent)];

    public IReadOnlyList<Attempt> Attempts => attempts;

    public IReadOnlyList<RouteChange> Routes => routes;

    public FailoverMoments Moments => moments;

    /// <summary>Webhooks sent at least once.</summary>
    public int Webhooks => attempts.Select(a => a.Webhook).Distinct().Count();

    /// <summary>Webhooks with an acknowledged attempt.</summary>
    public IReadOnlyCollection<int> AcknowledgedWebhooks => acknowledgedBySend.Select(a => a.Webhook).ToHashSet();

    /// <summary>Webhooks acknowledged by an attempt sent before the kill: the primary acknowledged them (it took all traffic until then).</summary>
    public IReadOnlyCollection<int> AcknowledgedBeforeKill => acknowledgedBySend.Where(a => a.Sent < moments.Kill).Select(a => a.Webhook).ToHashSet();

    /// <summary>Attempts answered with anything but 200, by status (0: no answer), each followed by a retry.</summary>
    public IReadOnlyDictionary<int, int> NotAcknowledgedByStatus =>
        attempts.Where(a => !a.Acknowledged).GroupBy(a => a.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Webhooks that needed more than one attempt.</summary>
    public int RetriedWebhooks => attempts.Where(a => a.Number > 1).Select(a => a.Webhook).Distinct().Count();

    /// <summary>The longest stretch of send times without an acknowledged attempt among those <paramref name="include"/> accepts.</summary>
    public AckGap? LongestWithoutAcknowledgement(Func<AckGap, bool> include)
    {
        AckGap? longest = null;
        for (var i = 1; i < acknowledgedBySend.Length; i++)
        {
            var gap = new AckGap(acknowledgedBySend[i - 1].Sent, acknowledgedBySend[i].Sent);
            if (include(gap) && (longest is null || gap.Length > longest.Length))
            {
                longest = gap;
            }
        }

        return longest;
    }

    /// <summary>The longest stretch without an acknowledgement around the kill: one that ends after it and starts before traffic came back to the primary.</summary>
    public AckGap? FailoverGap => LongestWithoutAcknowledgement(gap => gap.To >= moments.Kill && gap.From <= (Failback ?? moments.LoadStopped));

    /// <summary>The longest stretch without an acknowledgement after the primary's return, the failback included.</summary>
    public AckGap? FailbackGap => LongestWithoutAcknowledgement(gap => gap.From >= moments.Return);

    /// <summary>The longest stretch without an acknowledgement that ended before the kill: the steady state's own worst.</summary>
    public AckGap? SteadyGap => LongestWithoutAcknowledgement(gap => gap.To < moments.Kill);

    /// <summary>When the front door took traffic away from the primary after the kill.</summary>
    public TimeSpan? Switch => routes.FirstOrDefault(r => r.At >= moments.Kill && r.Route != Primary)?.At;

    /// <summary>When the front door gave traffic back to the primary after it returned.</summary>
    public TimeSpan? Failback => routes.FirstOrDefault(r => r.At >= moments.Return && r.Route == Primary)?.At;

    /// <summary>From the kill to the switch.</summary>
    public TimeSpan? Detection => Switch - moments.Kill;

    /// <summary>From the primary's return to the failback.</summary>
    public TimeSpan? FailbackTime => Failback - moments.Return;

    /// <summary>Per acknowledged webhook, from its first send to the answer of its acknowledged attempt; the webhooks first sent in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<TimeSpan> DelaysToAcknowledgement(TimeSpan from, TimeSpan to)
    {
        var first = attempts.Where(a => a.Number == 1 && a.Sent >= from && a.Sent < to).ToDictionary(a => a.Webhook, a => a.Sent);
        return [.. acknowledgedBySend.Where(a => first.ContainsKey(a.Webhook)).Select(a => a.Answered - first[a.Webhook])];
    }
}

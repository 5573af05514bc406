namespace AstroBot.Continuity.Recovery.Drills.Failover;

// The inputs and outputs of a failover drill's steps: ids, region names, counts and durations, never webhooks.

/// <summary>
/// A failover drill cleared to go: the order of the regions it found (priority 1 first), which it restores when it
/// fails back, and how long it keeps the traffic on the secondary.
/// </summary>
public sealed record FailoverPlan(string DrillId, IReadOnlyList<string> OriginalOrder, TimeSpan HoldOnSecondary)
{
    public string Primary => OriginalOrder[0];

    public string Secondary => OriginalOrder[1];

    /// <summary>The order with the secondary first, the rest as they were.</summary>
    public IReadOnlyList<string> SecondaryFirst => [Secondary, .. OriginalOrder.Where(region => region != Secondary)];
}

/// <summary>A change of the regions' priorities for the drill <paramref name="DrillId"/>.</summary>
public sealed record RegionOrderChange(string DrillId, IReadOnlyList<string> Order);

/// <summary>A check that a webhook sent to the public endpoint is acknowledged and processed in <paramref name="Region"/>.</summary>
public sealed record WebhookPathCheck(string DrillId, string Region);

/// <summary>A passed <see cref="WebhookPathCheck"/>: how many webhooks it took, and the timing of the one processed in the region.</summary>
public sealed record WebhookPathChecked(string Region, int Attempts, long AcknowledgeMilliseconds, long HandOverMilliseconds);

/// <summary>
/// What the canaries measured: sent, acknowledged (200), processed (by region), lost (acknowledged but not processed
/// within <c>Availability:ProbeHandOverWithin</c> of the send), and the longest stretch without an acknowledgement.
/// </summary>
/// <param name="FirstLostAt">The send time of the first lost canary, when one was lost.</param>
/// <param name="LastLostAt">The send time of the last lost canary, when one was lost.</param>
public sealed record CanaryReport(
    int Sent,
    int Acknowledged,
    int Lost,
    TimeSpan LongestWithoutAcknowledgement,
    IReadOnlyDictionary<string, int> ProcessedByRegion,
    DateTimeOffset? FirstLostAt,
    DateTimeOffset? LastLostAt);

/// <summary>Everything the drill did, for its last step; <paramref name="Error"/> when a step failed.</summary>
/// <param name="Canaries">Null when the canaries did not report.</param>
public sealed record FailoverDrillFindings(FailoverPlan Plan, CanaryReport? Canaries, IReadOnlyList<DrillStep> Steps, string? Error);

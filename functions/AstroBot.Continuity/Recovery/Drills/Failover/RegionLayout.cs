using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The regions behind the public endpoint as a <see cref="IRegionSwitch"/> reads them: each with its priority (1 is the
/// primary), its own URL when known (where its readiness can be asked directly) and its state as the switch sees it,
/// and the region taking the traffic now. Also the JSON of the local front door's <c>GET /frontdoor/priorities</c>.
/// </summary>
/// <param name="Serving">The region taking the traffic now; null when none is (every origin unhealthy) or the switch cannot tell.</param>
public sealed record RegionLayout(IReadOnlyList<RegionPlace> Regions, string? Serving)
{
    /// <summary>The region names, priority 1 first.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Order => [.. Regions.OrderBy(region => region.Priority).Select(region => region.Name)];
}

/// <summary>One region in a <see cref="RegionLayout"/>.</summary>
/// <param name="Name">The region's name, as its app's <c>Availability:Region</c> says it (the inbox's hand-over marks carry it).</param>
/// <param name="Url">The region's own base URL, bypassing the public endpoint; null when the switch does not know it.</param>
/// <param name="State">How the switch sees its health (<c>in_service</c>, <c>unhealthy</c>, ...); null when it cannot tell.</param>
public sealed record RegionPlace(string Name, int Priority, Uri? Url, string? State);

/// <summary>The body of the local front door's <c>PUT /frontdoor/priorities</c>: every region once, priority 1 first.</summary>
public sealed record RegionOrder(IReadOnlyList<string> Order);

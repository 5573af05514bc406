using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>What moves the traffic between regions in a failover drill (<c>Recovery:Failover:Switch</c>).</summary>
public enum RegionSwitchKind
{
    /// <summary>Nothing: the failover drill refuses to start, saying so.</summary>
    None,

    /// <summary>The local front door's control route (<see cref="FrontDoorControlSwitch"/>).</summary>
    Local,

    /// <summary>Cosmos DB's failover priorities and Front Door's origin priorities through Resource Manager (<see cref="ResourceManagerRegionSwitch"/>), for the regions of <c>Recovery:Failover:Regions</c>.</summary>
    ResourceManager,
}

/// <summary>The failover drill (section <c>Recovery:Failover</c>; docs/dr/README.md, "Failover drill").</summary>
public sealed class FailoverDrillOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Recovery:Failover";

    /// <summary>What moves the traffic. Default <see cref="RegionSwitchKind.None"/>: no drill until one is chosen.</summary>
    public RegionSwitchKind Switch { get; set; } = RegionSwitchKind.None;

    /// <summary>The local front door's control route, <c>http://127.0.0.1:7071/frontdoor/priorities</c>; required with <c>Switch</c> <c>Local</c>. No default.</summary>
    public string? FrontDoorControlUrl { get; set; }

    /// <summary>The regions, each with the names Front Door and Cosmos DB give it and its own URL; required (two or more) with <c>Switch</c> <c>ResourceManager</c>. Bicep sets them.</summary>
    public IList<FailoverRegionOptions> Regions { get; } = [];

    /// <summary>The drill starts only while the secondary's replication lag is at most this. Default 5 seconds (0 to 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Recovery:Failover:MaxReplicationLag must be between 0 and 1 hour")]
    public TimeSpan MaxReplicationLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a canary webhook is sent while the drill runs. The measured RTO is only as fine as this. Default 250 ms:
    /// the local switch is immediate, so a coarser interval would hide it; 4 small webhooks a second are nothing to a region
    /// (50 ms to 10 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10", ErrorMessage = "Recovery:Failover:CanaryInterval must be between 50 ms and 10 seconds")]
    public TimeSpan CanaryInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest the canaries are sent (they stop earlier when the drill is done). With the longest request and
    /// hand-over waits after it (<c>Availability:ProbeRequestTimeout</c> and <c>:ProbeHandOverWithin</c>, at most 1 and 5
    /// minutes) the canary activity stays inside host.json's <c>functionTimeout</c> (10 minutes). A drill that runs
    /// longer is measured for this long only. Default 2.5 minutes (10 seconds to 2.5 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:02:30", ErrorMessage = "Recovery:Failover:CanaryWindow must be between 10 seconds and 2.5 minutes")]
    public TimeSpan CanaryWindow { get; set; } = TimeSpan.FromMinutes(2.5);

    /// <summary>
    /// How long a check may try to get a webhook acknowledged and processed in the region expected to take the traffic
    /// (after a switch, the time the switch takes to apply). Default 2 minutes, the objective's RTO (5 seconds to 5 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:05:00", ErrorMessage = "Recovery:Failover:SwitchTimeout must be between 5 seconds and 5 minutes")]
    public TimeSpan SwitchTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the traffic stays on the secondary, under the canaries, before the drill fails back. Default 30 seconds (0 to 2 minutes, shorter than <see cref="CanaryWindow"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:02:00", ErrorMessage = "Recovery:Failover:HoldOnSecondary must be between 0 and 2 minutes")]
    public TimeSpan HoldOnSecondary { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="FrontDoorControlUrl"/> as a URI; null when unset or not an absolute http(s) URL.</summary>
    public Uri? FrontDoorControlUri =>
        Uri.TryCreate(FrontDoorControlUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Switch == RegionSwitchKind.Local && FrontDoorControlUri is null)
        {
            yield return new ValidationResult(
                $"Recovery:Failover:FrontDoorControlUrl must be an absolute http(s) URL such as http://127.0.0.1:7071/frontdoor/priorities when Recovery:Failover:Switch is Local, not '{FrontDoorControlUrl}'",
                [nameof(FrontDoorControlUrl)]);
        }

        if (Switch == RegionSwitchKind.ResourceManager && (Regions.Count < 2 || Regions.Any(region =>
                string.IsNullOrWhiteSpace(region.Name) || string.IsNullOrWhiteSpace(region.Origin) || string.IsNullOrWhiteSpace(region.CosmosRegion)
                || !Uri.TryCreate(region.Url, UriKind.Absolute, out _))))
        {
            yield return new ValidationResult(
                "Recovery:Failover:Regions must name two or more regions, each with Name, Origin, CosmosRegion and an absolute Url, when Recovery:Failover:Switch is ResourceManager",
                [nameof(Regions)]);
        }

        if (HoldOnSecondary >= CanaryWindow)
        {
            yield return new ValidationResult(
                $"Recovery:Failover:HoldOnSecondary ({HoldOnSecondary}) must be shorter than Recovery:Failover:CanaryWindow ({CanaryWindow}): the canaries must outlast the stay on the secondary",
                [nameof(HoldOnSecondary)]);
        }
    }
}

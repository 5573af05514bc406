using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The region switch <c>Recovery:Failover:Switch</c> chose (registered by <c>AddRecovery</c>), or why there is none:
/// the failover drill refuses with that reason, and the clean-up of an abandoned drill says it could not restore.
/// </summary>
public sealed class RegionSwitchChoice(IEnumerable<IRegionSwitch> switches, IOptions<FailoverDrillOptions> options)
{
    /// <summary>The switch; null when none is configured (see <see cref="Missing"/>).</summary>
    public IRegionSwitch? Switch { get; } = switches.LastOrDefault();

    /// <summary>Why there is no switch, in a sentence that says what to set.</summary>
    public string Missing =>
        "no region switch configured: set Recovery:Failover:Switch (Local, with Recovery:Failover:FrontDoorControlUrl, on the local two-region topology; ResourceManager, with Recovery:Failover:Regions, in Azure)";

    /// <summary>What an operator runs to put <paramref name="order"/> back by hand, for a record that says the system may be left failed over.</summary>
    public string RestoreHint(IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var json = "{\"order\": [" + string.Join(", ", order.Select(region => $"\"{region}\"")) + "]}";
        return options.Value.Switch == RegionSwitchKind.Local && options.Value.FrontDoorControlUri is { } url
            ? $"curl -X PUT {url} -H 'Content-Type: application/json' -d '{json}'"
            : $"give the regions the priorities {string.Join(", ", order)} (docs/dr/region-outage.md: Front Door origin priorities, then az cosmosdb failover-priority-change)";
    }
}

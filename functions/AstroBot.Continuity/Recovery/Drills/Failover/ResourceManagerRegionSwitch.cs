using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The region switch in Azure (<c>Recovery:Failover:Switch</c> <c>ResourceManager</c>): Cosmos DB's failover priorities
/// when the write region must move (a graceful switch, for drills; in an outage the automated failover's forced failover
/// has moved it already) and then Front Door's origin priorities, each through Resource Manager and followed to its end. Writes move before traffic,
/// so the new primary never serves from a remote write region. Tested against recorded responses only: never run in Azure.
/// </summary>
public sealed class ResourceManagerRegionSwitch(
    FrontDoorOrigins origins, CosmosAccountRegions cosmosRegions, CosmosFailover cosmosFailover, IOptions<FailoverDrillOptions> options) : IRegionSwitch
{
    private IList<FailoverRegionOptions> Regions => options.Value.Regions;

    public string Describe => "Cosmos DB's failover priorities and Front Door's origin priorities through Resource Manager";

    /// <summary>
    /// The regions in Front Door's priority order. Resource Manager does not show which origin Front Door's probes find
    /// healthy, so the region serving is the enabled one of lowest priority, as configured.
    /// </summary>
    public async Task<RegionLayout> ReadAsync(CancellationToken ct)
    {
        var current = await CallAsync(() => origins.ListAsync(ct)).ConfigureAwait(false);
        var places = new List<RegionPlace>();
        foreach (var region in Regions)
        {
            var origin = current.FirstOrDefault(candidate => candidate.Name == region.Origin)
                ?? throw new RegionSwitchException($"Front Door has no origin '{region.Origin}' for region {region.Name} (it has {string.Join(", ", current.Select(candidate => candidate.Name))}).");
            var enabled = string.Equals(origin.EnabledState, "Enabled", StringComparison.OrdinalIgnoreCase);
            places.Add(new RegionPlace(region.Name, origin.Priority, new Uri(region.Url), enabled ? null : "disabled"));
        }

        var serving = places.Where(place => place.State is null).OrderBy(place => place.Priority).FirstOrDefault()?.Name;
        return new RegionLayout(places, serving);
    }

    public async Task<RegionLayout> SetOrderAsync(IReadOnlyList<string> order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var wanted = order.Select(name => Regions.FirstOrDefault(region => region.Name == name)
            ?? throw new RegionSwitchException($"Region '{name}' is not one of Recovery:Failover:Regions ({string.Join(", ", Regions.Select(region => region.Name))}).")).ToList();
        if (wanted.Count != Regions.Count || wanted.Distinct().Count() != wanted.Count)
        {
            throw new RegionSwitchException($"Name every region of Recovery:Failover:Regions once, the new primary first (got {string.Join(", ", order)}).");
        }

        // Only when the write region must move: after a forced failover (an outage) it already has, and a priority change
        // against a region that is down would not complete.
        var account = await CallAsync(() => cosmosRegions.ReadAsync(ct)).ConfigureAwait(false);
        if (!string.Equals(account.WriteRegion.Name, wanted[0].CosmosRegion, StringComparison.OrdinalIgnoreCase))
        {
            await CallAsync(() => cosmosFailover.ChangeFailoverPrioritiesAsync([.. wanted.Select(region => region.CosmosRegion)], ct)).ConfigureAwait(false);
        }

        await CallAsync(() => origins.MakePrimaryAsync(wanted[0].Origin, ct)).ConfigureAwait(false);
        return await ReadAsync(ct).ConfigureAwait(false);
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RecoveryArmException exception)
        {
            throw new RegionSwitchException(exception.Message, exception);
        }
    }

    private static Task CallAsync(Func<Task> call) => CallAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}

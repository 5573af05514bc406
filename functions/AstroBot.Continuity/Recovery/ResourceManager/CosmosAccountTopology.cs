namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>A Cosmos DB account's regions, in failover-priority order (the write region first).</summary>
/// <param name="Location">The account resource's own location, as Resource Manager names it ("westeurope"): where its restorable account is listed.</param>
public sealed record CosmosAccountTopology(string AccountName, string Location, bool AutomaticFailover, IReadOnlyList<CosmosAccountRegion> Regions)
{
    /// <summary>The region the account writes to: priority 0, or the one <c>writeLocations</c> names.</summary>
    public CosmosAccountRegion WriteRegion => Regions.FirstOrDefault(region => region.IsWriteRegion) ?? Regions[0];
}

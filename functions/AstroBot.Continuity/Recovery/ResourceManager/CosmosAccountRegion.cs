namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>One region of a Cosmos DB account, as Resource Manager describes it.</summary>
/// <param name="Name">The region's display name, as Cosmos DB's requests take it ("West Europe").</param>
/// <param name="FailoverPriority">0 is the write region; the others, in the order a failover picks them.</param>
/// <param name="IsWriteRegion">Whether the account writes there (<c>properties.writeLocations</c>).</param>
/// <param name="ProvisioningState">The region's <c>provisioningState</c>; null when Azure says none.</param>
/// <param name="IsZoneRedundant">Whether the region spreads the account over availability zones.</param>
public sealed record CosmosAccountRegion(string Name, int FailoverPriority, bool IsWriteRegion, string? ProvisioningState, bool IsZoneRedundant)
{
    /// <summary>
    /// Serving: provisioned (<c>Succeeded</c>) or saying no state. A region taken offline, or being added or removed,
    /// shows another state (read from the documented shape; what an offline region shows was not tried).
    /// </summary>
    public bool IsOnline => ProvisioningState is null || string.Equals(ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase);
}

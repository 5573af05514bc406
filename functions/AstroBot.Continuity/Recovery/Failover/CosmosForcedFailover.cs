using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// Cosmos DB's forced failover in Azure: the failed primary's database region (its Cosmos DB name from
/// <c>Recovery:Failover:Regions</c>) taken offline through Resource Manager (<c>offlineRegion</c>), followed to its end.
/// Tested against recorded responses only.
/// </summary>
public sealed class CosmosForcedFailover(CosmosFailover cosmos, IOptions<FailoverDrillOptions> options) : IForcedFailover
{
    /// <exception cref="RegionSwitchException">The region is not configured, or Resource Manager refused or failed the operation.</exception>
    public async Task<string> TakeOfflineAsync(string region, CancellationToken ct)
    {
        var cosmosRegion = options.Value.Regions.FirstOrDefault(candidate => candidate.Name == region)?.CosmosRegion
            ?? throw new RegionSwitchException($"Region '{region}' is not one of Recovery:Failover:Regions: its Cosmos DB region is unknown.");
        try
        {
            await cosmos.TakeRegionOfflineAsync(cosmosRegion, ct).ConfigureAwait(false);
        }
        catch (RecoveryArmException exception)
        {
            throw new RegionSwitchException(exception.Message, exception);
        }

        return $"Cosmos DB region {cosmosRegion} taken offline (forced failover)";
    }
}

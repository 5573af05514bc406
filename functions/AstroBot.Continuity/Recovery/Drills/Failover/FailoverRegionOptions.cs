namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// One region as the Resource Manager switch knows it (<c>Recovery:Failover:Regions:N</c>): the names each service gives
/// it, which differ (Bicep sets them: the app's location, Front Door's origin named by its role, Cosmos DB's display name).
/// </summary>
public sealed class FailoverRegionOptions
{
    /// <summary>The region as its app's <c>Availability:Region</c> names it (<c>westeurope</c>): the name the drill speaks.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its origin in Front Door's origin group (<c>primary</c>, <c>secondary</c>).</summary>
    public string Origin { get; set; } = "";

    /// <summary>Its region in the Cosmos DB account, as Cosmos DB names it (<c>West Europe</c>).</summary>
    public string CosmosRegion { get; set; } = "";

    /// <summary>Its app's own base URL, where its readiness is asked directly (<c>https://app.azurewebsites.net</c>).</summary>
    public string Url { get; set; } = "";
}

using Azure.Core;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// The Cosmos DB resources the app touches through Resource Manager, as generic resources (the service package
/// Azure.ResourceManager.CosmosDB is not served): their types, ids and the one api-version they are called with.
/// </summary>
public static class CosmosArm
{
    /// <summary>
    /// The Microsoft.DocumentDB api-version of every request: a stable version, the one <c>bicep/modules/cosmos.bicep</c>
    /// deploys the account, database and containers with, so what Bicep declares and what the app creates read the same.
    /// </summary>
    public const string ApiVersion = "2026-03-15";

    public static readonly ResourceType Account = new("Microsoft.DocumentDB/databaseAccounts");
    public static readonly ResourceType SqlDatabase = new("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");
    public static readonly ResourceType SqlContainer = new("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
    public static readonly ResourceType DatabaseThroughput = new("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/throughputSettings");

    /// <summary>The types called as generic resources, each pinned to <see cref="ApiVersion"/> (<see cref="ArmClients"/>).</summary>
    public static IReadOnlyList<ResourceType> GenericTypes { get; } = [Account, SqlDatabase, SqlContainer, DatabaseThroughput];

    public static ResourceIdentifier AccountId(string? subscriptionId, string? resourceGroup, string? accountName) =>
        new($"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.DocumentDB/databaseAccounts/{accountName}");

    public static ResourceIdentifier DatabaseId(ResourceIdentifier account, string database) =>
        account.AppendChildResource("sqlDatabases", database);

    public static ResourceIdentifier ContainerId(ResourceIdentifier database, string container) =>
        database.AppendChildResource("containers", container);

    public static ResourceIdentifier ThroughputId(ResourceIdentifier database) =>
        database.AppendChildResource("throughputSettings", "default");
}

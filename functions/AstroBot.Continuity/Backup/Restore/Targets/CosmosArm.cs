using Azure.Core;
using Azure.ResourceManager;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// The Cosmos DB resources that restore targets touch through Resource Manager, as generic resources (the service
/// package Azure.ResourceManager.CosmosDB is not served): their types, ids and the one api-version they are called with.
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

    /// <summary>
    /// Pins <see cref="ApiVersion"/> for these types. Without it a generic resource asks the subscription's provider
    /// registration for an api-version first, which needs a read permission on the subscription the app does not have.
    /// </summary>
    public static ArmClientOptions PinApiVersions(ArmClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var type in new[] { Account, SqlDatabase, SqlContainer, DatabaseThroughput })
        {
            options.SetApiVersion(type, ApiVersion);
        }

        return options;
    }

    /// <summary>The account of the options (validated: subscription, resource group and name set).</summary>
    public static ResourceIdentifier AccountId(RestoreTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResourceIdentifier(
            $"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers/Microsoft.DocumentDB/databaseAccounts/{options.AccountName}");
    }

    public static ResourceIdentifier DatabaseId(ResourceIdentifier account, string database) =>
        account.AppendChildResource("sqlDatabases", database);

    public static ResourceIdentifier ContainerId(ResourceIdentifier database, string container) =>
        database.AppendChildResource("containers", container);

    public static ResourceIdentifier ThroughputId(ResourceIdentifier database) =>
        database.AppendChildResource("throughputSettings", "default");
}

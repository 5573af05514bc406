namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The deployment names main.bicep gives its modules. Several modules declare a storage account (each region's and the
/// backups') and two declare a Function App (one per region), so tests of one of them pick it by the module that
/// declares it.
/// </summary>
public static class ModuleNames
{
    public const string StoragePrimary = "storagePrimary";

    public const string StorageSecondary = "storageSecondary";

    public const string BackupStorage = "backupStorage";

    public const string BackupAlerts = "backupAlerts";

    public const string FunctionAppPrimary = "functionAppPrimary";

    public const string FunctionAppSecondary = "functionAppSecondary";

    public const string Cosmos = "cosmos";

    public const string KeyVault = "keyVault";

    public const string Monitoring = "monitoring";

    public const string FrontDoor = "frontDoor";

    public const string FrontDoorRouting = "frontDoorRouting";

    public const string AvailabilityAlerts = "availabilityAlerts";

    public const string InboxAlerts = "inboxAlerts";

    public const string DrillAlerts = "drillAlerts";

    public const string Workbook = "workbook";

    public const string DataProtection = "dataProtection";

    /// <summary>Both regions' Function App modules, for theories that hold in each region.</summary>
    public static TheoryData<string> FunctionApps() => new(FunctionAppPrimary, FunctionAppSecondary);

    /// <summary>Both regions' storage modules.</summary>
    public static TheoryData<string> RegionStorage() => new(StoragePrimary, StorageSecondary);
}

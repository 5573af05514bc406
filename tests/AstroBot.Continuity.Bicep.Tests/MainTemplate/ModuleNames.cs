namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The deployment names main.bicep gives its modules. Two modules declare a storage account (the app's and the
/// backups'), so tests of one of them pick it by the module that declares it.
/// </summary>
public static class ModuleNames
{
    public const string Storage = "storage";

    public const string BackupStorage = "backupStorage";

    public const string BackupAlerts = "backupAlerts";

    public const string FunctionApp = "functionApp";

    public const string KeyVault = "keyVault";

    public const string Monitoring = "monitoring";
}

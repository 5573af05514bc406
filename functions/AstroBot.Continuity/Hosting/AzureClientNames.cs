namespace AstroBot.Continuity.Hosting;

/// <summary>The names of the backend's Azure clients in their one registration (<c>AddContinuityAzureClients</c>).</summary>
public static class AzureClientNames
{
    /// <summary>The app's storage account (section <c>Storage</c>): the blobs, queues and tables of every capability.</summary>
    public const string App = "app";

    /// <summary>The region's own storage account (<c>Storage:Region*</c>, else the app's): the inbox and export request queues, the claim-check bodies.</summary>
    public const string Region = "region";

    /// <summary>The backup account (section <c>Backup</c>): the archives' blobs and the catalog, restore and erasure tables.</summary>
    public const string Backup = "backup";

    /// <summary>The backup account's read-only secondary blob endpoint (<c>Backup:SecondaryBlobEndpoint</c>) in Azure.</summary>
    public const string BackupSecondary = "backup-secondary";

    /// <summary>The Key Vault that holds the keyring (<c>Crypto:KeyVaultUri</c>).</summary>
    public const string KeyVault = "keyvault";
}

using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Storage;

/// <summary>
/// Where the continuity backend keeps its queues, tables and blobs (section <c>Storage</c>): the app's account, shared
/// by every region (the ledger, the identity directory, the user keys, the bot's queue...), and the region's own account
/// for what the front door writes before it answers Meta and the Functions runtime triggers on (the inbox and export
/// request queues, the claim-check bodies), so acknowledging a webhook depends on nothing outside the region.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// A storage connection string. Default: <c>UseDevelopmentStorage=true</c> (Azurite on 10000-10002).
    /// Ignored when <see cref="AccountName"/> is set.
    /// </summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// In Azure: the storage account name, reached with the app's managed identity (no keys). Default: none.
    /// </summary>
    [RegularExpression("^[a-z0-9]{3,24}$", ErrorMessage = "Storage:AccountName must be 3-24 lowercase letters or digits.")]
    public string? AccountName { get; set; }

    /// <summary>
    /// In Azure: the region's own storage account (its Functions host storage), reached with the managed identity.
    /// Default: none, with <see cref="RegionConnectionString"/> unset too: the app's account serves as the region's.
    /// </summary>
    [RegularExpression("^[a-z0-9]{3,24}$", ErrorMessage = "Storage:RegionAccountName must be 3-24 lowercase letters or digits.")]
    public string? RegionAccountName { get; set; }

    /// <summary>The region's account by connection string (locally, another Azurite account). Default: none.</summary>
    public string? RegionConnectionString { get; set; }

    /// <summary>How these settings reach the account (endpoints from <see cref="AccountName"/>, else the connection string).</summary>
    public StorageAccount GetAccount() => new(SectionName, AccountName, ConnectionString);

    /// <summary>How they reach the region's account: its own settings when either is set, else the app's account.</summary>
    public StorageAccount GetRegionAccount() => string.IsNullOrEmpty(RegionAccountName) && string.IsNullOrEmpty(RegionConnectionString)
        ? GetAccount()
        : new(SectionName, RegionAccountName, RegionConnectionString ?? string.Empty);
}

using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Storage;

/// <summary>Where the continuity backend keeps its queues, tables and blobs (section <c>Storage</c>).</summary>
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

    /// <summary>How these settings reach the account (endpoints from <see cref="AccountName"/>, else the connection string).</summary>
    public StorageAccount GetAccount() => new(SectionName, AccountName, ConnectionString);
}

using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Storage;

/// <summary>
/// How the backend reaches one storage account (the app's, section <c>Storage</c>, or the backup's, <c>Backup</c>),
/// decided in this one place: in Azure by <see cref="Name"/> with the app's credential, at
/// <c>https://{name}.{blob|queue|table}.core.windows.net</c>; otherwise by <see cref="ConnectionString"/> (Azurite).
/// </summary>
/// <param name="Section">The settings section, named in messages.</param>
/// <param name="Name">The account name (<c>{Section}:AccountName</c>), or null or empty to use the connection string.</param>
/// <param name="ConnectionString">The connection string (<c>{Section}:ConnectionString</c>).</param>
public sealed record StorageAccount(string Section, string? Name, string ConnectionString)
{
    /// <summary>True in Azure: the account is reached by name with the app's credential, never with a key.</summary>
    public bool UsesCredential => !string.IsNullOrEmpty(Name);

    /// <summary>The blob service endpoint derived from <see cref="Name"/>.</summary>
    public Uri BlobEndpoint => Endpoint("blob");

    /// <summary>The queue service endpoint derived from <see cref="Name"/>.</summary>
    public Uri QueueEndpoint => Endpoint("queue");

    /// <summary>The table service endpoint derived from <see cref="Name"/>.</summary>
    public Uri TableEndpoint => Endpoint("table");

    /// <param name="credential">The app's one credential; needed only when <see cref="UsesCredential"/>.</param>
    public BlobServiceClient Blobs(TokenCredential? credential, BlobClientOptions? options = null) =>
        UsesCredential ? new(BlobEndpoint, Required(credential), options) : new(ConnectionString, options);

    /// <param name="credential">The app's one credential; needed only when <see cref="UsesCredential"/>.</param>
    public QueueServiceClient Queues(TokenCredential? credential, QueueClientOptions? options = null) =>
        UsesCredential ? new(QueueEndpoint, Required(credential), options) : new(ConnectionString, options);

    /// <param name="credential">The app's one credential; needed only when <see cref="UsesCredential"/>.</param>
    public TableServiceClient Tables(TokenCredential? credential, TableClientOptions? options = null) =>
        UsesCredential ? new(TableEndpoint, Required(credential), options) : new(ConnectionString, options);

    private Uri Endpoint(string service) => UsesCredential
        ? new($"https://{Name}.{service}.core.windows.net")
        : throw new InvalidOperationException($"{Section}:AccountName is not set: the account is reached with {Section}:ConnectionString.");

    private TokenCredential Required(TokenCredential? credential) => credential ?? throw new InvalidOperationException(
        $"{Section}:AccountName is set, so the account is reached with the app's credential: take its clients from the registration (AddContinuityAzureClients), not from a connection string.");
}

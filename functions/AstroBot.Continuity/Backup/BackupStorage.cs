using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// The backup account, apart from the bot's own storage: the archive container (primary and, when configured,
/// the read-only secondary in the other region) and the catalog and restore-progress tables.
/// </summary>
public sealed class BackupStorage
{
    private readonly BackupOptions backup;
    private readonly BlobClientOptions? blobOptions;
    private readonly TokenCredential? credential;
    private readonly TimeProvider time;

    public BackupStorage(IOptions<BackupOptions> options, TimeProvider time)
        : this(options, time, blobOptions: null)
    {
    }

    /// <param name="blobOptions">Client options for the blob clients; tests add pipeline policies here to inject faults.</param>
    internal BackupStorage(IOptions<BackupOptions> options, TimeProvider time, BlobClientOptions? blobOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        backup = options.Value;
        this.blobOptions = blobOptions;
        this.time = time;
        TableServiceClient tables;
        if (backup.AccountName is { } account)
        {
            credential = new DefaultAzureCredential();
            Blobs = new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), credential, blobOptions);
            tables = new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), credential);
        }
        else
        {
            Blobs = new BlobServiceClient(backup.ConnectionString, blobOptions);
            tables = new TableServiceClient(backup.ConnectionString);
        }

        Archives = Blobs.GetBlobContainerClient(backup.ContainerName);
        Catalog = tables.GetTableClient(backup.CatalogTableName);
        Restores = tables.GetTableClient(backup.RestoreTableName);
        Erasures = tables.GetTableClient(backup.ErasureTableName);
    }

    public BlobServiceClient Blobs { get; }

    public BlobContainerClient Archives { get; }

    public TableClient Catalog { get; }

    public TableClient Restores { get; }

    public TableClient Erasures { get; }

    /// <summary>
    /// The secondary region's read-only endpoint (<c>Backup:SecondaryBlobEndpoint</c>), or null when not configured.
    /// With a connection string (Azurite, development) it is reached with a short read-only account SAS, because
    /// shared-key signatures name the primary's path.
    /// </summary>
    public BlobServiceClient? Secondary()
    {
        if (backup.SecondaryBlobEndpoint is not { Length: > 0 } endpoint)
        {
            return null;
        }

        if (credential is not null)
        {
            return new BlobServiceClient(new Uri(endpoint), credential, blobOptions);
        }

        var sas = Blobs.GenerateAccountSasUri(
            AccountSasPermissions.Read | AccountSasPermissions.List, time.GetUtcNow().AddHours(1), AccountSasResourceTypes.All);
        return new BlobServiceClient(new Uri(endpoint.TrimEnd('/') + sas.Query), blobOptions);
    }
}

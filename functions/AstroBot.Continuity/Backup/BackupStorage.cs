using AstroBot.Continuity.Hosting;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// The backup account, apart from the bot's own storage: the archive container (primary and, when configured,
/// the read-only secondary in the other region) and the catalog and restore-progress tables.
/// </summary>
public sealed class BackupStorage
{
    private readonly BackupOptions backup;
    private readonly TimeProvider time;
    private readonly IAzureClientFactory<BlobServiceClient>? blobFactory;
    private readonly BlobClientOptions? blobOptions;

    /// <summary>
    /// The clients named <see cref="AzureClientNames.Backup"/> (and, in Azure, <see cref="AzureClientNames.BackupSecondary"/>)
    /// in the one registration (<c>AddContinuityAzureClients</c>).
    /// </summary>
    public BackupStorage(
        IOptions<BackupOptions> options,
        TimeProvider time,
        IAzureClientFactory<BlobServiceClient> blobs,
        IAzureClientFactory<TableServiceClient> tables)
        : this(options.Value, time, blobs.CreateClient(AzureClientNames.Backup), tables.CreateClient(AzureClientNames.Backup), blobOptions: null)
    {
        blobFactory = blobs;
    }

    /// <summary>
    /// Without a container, for a connection string (tests and tools); an account name needs the app's credential,
    /// which only the registration has, and fails here.
    /// </summary>
    public BackupStorage(IOptions<BackupOptions> options, TimeProvider time)
        : this(options, time, blobOptions: null)
    {
    }

    /// <param name="blobOptions">Client options for the blob clients; tests add pipeline policies here to inject faults.</param>
    internal BackupStorage(IOptions<BackupOptions> options, TimeProvider time, BlobClientOptions? blobOptions)
        : this(
            options.Value,
            time,
            options.Value.GetAccount().Blobs(credential: null, blobOptions),
            options.Value.GetAccount().Tables(credential: null),
            blobOptions)
    {
    }

    private BackupStorage(BackupOptions backup, TimeProvider time, BlobServiceClient blobs, TableServiceClient tables, BlobClientOptions? blobOptions)
    {
        this.backup = backup;
        this.time = time;
        this.blobOptions = blobOptions;
        Blobs = blobs;
        Archives = blobs.GetBlobContainerClient(backup.ContainerName);
        Catalog = tables.GetTableClient(backup.CatalogTableName);
        Restores = tables.GetTableClient(backup.RestoreTableName);
        Runs = tables.GetTableClient(backup.RunTableName);
        Erasures = tables.GetTableClient(backup.ErasureTableName);
    }

    public BlobServiceClient Blobs { get; }

    public BlobContainerClient Archives { get; }

    public TableClient Catalog { get; }

    public TableClient Restores { get; }

    /// <summary>The backup runs' checkpoints (<c>Backup:RunTableName</c>).</summary>
    public TableClient Runs { get; }

    public TableClient Erasures { get; }

    /// <summary>
    /// The secondary region's read-only endpoint (<c>Backup:SecondaryBlobEndpoint</c>), or null when not configured.
    /// In Azure it is the registration's client, signed in with the app's credential. With a connection string
    /// (Azurite, development) it is reached with a short read-only account SAS, because shared-key signatures name
    /// the primary's path.
    /// </summary>
    public BlobServiceClient? Secondary()
    {
        if (backup.SecondaryBlobEndpoint is not { Length: > 0 } endpoint)
        {
            return null;
        }

        if (blobFactory is not null && backup.GetAccount().UsesCredential)
        {
            return blobFactory.CreateClient(AzureClientNames.BackupSecondary);
        }

        var sas = Blobs.GenerateAccountSasUri(
            AccountSasPermissions.Read | AccountSasPermissions.List, time.GetUtcNow().AddHours(1), AccountSasResourceTypes.All);
        return new BlobServiceClient(new Uri(endpoint.TrimEnd('/') + sas.Query), blobOptions);
    }
}

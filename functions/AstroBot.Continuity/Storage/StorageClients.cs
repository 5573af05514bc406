using AstroBot.Continuity.Hosting;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Storage;

/// <summary>
/// The app account's three service clients, as the capabilities share them, and the region's own account's queues,
/// blobs and tables (<see cref="StorageOptions.GetRegionAccount"/>): the same account unless a region's is configured.
/// </summary>
public sealed class StorageClients
{
    /// <summary>The clients named <see cref="AzureClientNames.App"/> in the one registration (<c>AddContinuityAzureClients</c>).</summary>
    public StorageClients(
        IAzureClientFactory<BlobServiceClient> blobs, IAzureClientFactory<QueueServiceClient> queues, IAzureClientFactory<TableServiceClient> tables)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(tables);
        Blobs = blobs.CreateClient(AzureClientNames.App);
        Queues = queues.CreateClient(AzureClientNames.App);
        Tables = tables.CreateClient(AzureClientNames.App);
        RegionBlobs = blobs.CreateClient(AzureClientNames.Region);
        RegionQueues = queues.CreateClient(AzureClientNames.Region);
        RegionTables = tables.CreateClient(AzureClientNames.Region);
    }

    /// <summary>
    /// Without a container, for a connection string (tests and tools); an account name needs the app's credential,
    /// which only the registration has, and fails here.
    /// </summary>
    public StorageClients(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var account = options.Value.GetAccount();
        Blobs = account.Blobs(credential: null);
        Queues = account.Queues(credential: null);
        Tables = account.Tables(credential: null);
        var region = options.Value.GetRegionAccount();
        RegionBlobs = region.Blobs(credential: null);
        RegionQueues = region.Queues(credential: null);
        RegionTables = region.Tables(credential: null);
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    /// <summary>The region's claim-check bodies.</summary>
    public BlobServiceClient RegionBlobs { get; }

    /// <summary>The region's inbox and export request queues (and their poison queues): what the front door and the runtime's triggers use.</summary>
    public QueueServiceClient RegionQueues { get; }

    /// <summary>The region's own tables: its inbox's outages (Availability/Degradation).</summary>
    public TableServiceClient RegionTables { get; }
}

using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Storage;

/// <summary>The three storage service clients, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        if (storage.AccountName is { } account)
        {
            TokenCredential credential = new DefaultAzureCredential();
            Blobs = new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), credential);
            Queues = new QueueServiceClient(new Uri($"https://{account}.queue.core.windows.net"), credential);
            Tables = new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), credential);
        }
        else
        {
            Blobs = new BlobServiceClient(storage.ConnectionString);
            Queues = new QueueServiceClient(storage.ConnectionString);
            Tables = new TableServiceClient(storage.ConnectionString);
        }
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }
}

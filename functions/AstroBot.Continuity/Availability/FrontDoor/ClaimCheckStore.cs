using System.Globalization;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>
/// Webhook bodies too large for a queue message, kept as blobs the queue message points at (claim check).
/// Each body gets a new blob name, so a retried webhook never overwrites one still waiting to be processed.
/// </summary>
public sealed class ClaimCheckStore(StorageClients storage, IOptions<FrontDoorOptions> options)
{
    private readonly BlobContainerClient container =
        storage.RegionBlobs.GetBlobContainerClient(options.Value.ClaimCheckContainer);

    /// <summary>Creates the container when it is missing; called once at start-up.</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) =>
        container.CreateIfNotExistsAsync(cancellationToken: ct);

    /// <summary>Writes <paramref name="body"/> to a new blob and returns its name.</summary>
    public async Task<string> WriteAsync(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken ct)
    {
        // Date folders let an operator (or a lifecycle rule) find what a failed run left behind.
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{receivedAt.UtcDateTime:yyyy/MM/dd}/{Guid.NewGuid():N}.json");
        var upload = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(body), upload, ct).ConfigureAwait(false);
        return name;
    }

    /// <summary>Reads the raw body back.</summary>
    public async Task<byte[]> ReadAsync(string blobName, CancellationToken ct)
    {
        Response<BlobDownloadResult> download =
            await container.GetBlobClient(blobName).DownloadContentAsync(ct).ConfigureAwait(false);
        return download.Value.Content.ToArray();
    }

    /// <summary>Deletes the blob once its webhook is processed (or was never acknowledged).</summary>
    public Task DeleteAsync(string blobName, CancellationToken ct) =>
        container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: ct);
}

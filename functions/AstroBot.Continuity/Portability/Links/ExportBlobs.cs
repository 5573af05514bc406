using AstroBot.Continuity.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Links;

/// <summary>
/// The exports container (<see cref="PortabilityOptions.ExportContainerName"/>): export archives until their link
/// expires. The storage account's lifecycle rule deletes what is left a few days after the longest link lifetime.
/// </summary>
public sealed class ExportBlobs(StorageClients storage, IOptions<PortabilityOptions> options)
{
    private readonly BlobContainerClient container = storage.Blobs.GetBlobContainerClient(options.Value.ExportContainerName);
    private volatile bool created;

    /// <summary>Writes (or rewrites, for a retried upload) the archive under <paramref name="blobName"/>.</summary>
    public async Task UploadAsync(string blobName, byte[] archive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (!created)
        {
            await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct).ConfigureAwait(false);
            created = true;
        }

        var upload = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ExportLinkSigner.ContentType } };
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(archive), upload, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob and its snapshots if present.</summary>
    /// <returns>False when it was already gone.</returns>
    public async Task<bool> DeleteAsync(string blobName, CancellationToken ct) =>
        (await container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct).ConfigureAwait(false)).Value;
}

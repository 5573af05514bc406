using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// The bare limit of one export through WhatsApp: the user's items read (<see cref="BareUserRead"/>) and a blob of
/// the archive's size uploaded, one after the other, through the local host's own Cosmos DB and blob clients. What
/// the product adds on top is the rest: the webhooks, two queues and their pumps, the orchestration, the audit
/// trail, building the archive, signing the link and sending it.
/// </summary>
internal static class BareLinkExport
{
    /// <param name="archiveSized">Random bytes of the archive's size (as incompressible as a ZIP), made before the clock starts.</param>
    public static async Task<TimeSpan> RunAsync(
        CosmosClient cosmos, string database, string waId, BlobContainerClient scratch, string blobName, BinaryData archiveSized, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await BareUserRead.RunAsync(cosmos, database, waId, ct).ConfigureAwait(false);
        await scratch.GetBlobClient(blobName).UploadAsync(archiveSized, overwrite: true, ct).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }
}

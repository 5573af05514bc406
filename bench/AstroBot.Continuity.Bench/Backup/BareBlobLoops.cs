using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Bench.Cpu;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The blob bare limits, against the same Azurite through the same client construction as the backup's
/// (<c>BackupStorage</c>: a <see cref="BlobServiceClient"/> over the connection string).
/// </summary>
internal static class BareBlobLoops
{
    /// <summary>
    /// The upload bare limit: as many blobs as the backup has chunks, of the same sizes, uploaded one after the
    /// other as the backup uploads them (<c>UploadAsync(BinaryData, overwrite: true)</c>) into a scratch container.
    /// The bytes are random, as incompressible as the sealed chunks, and made before the clock starts.
    /// </summary>
    /// <param name="cpu">When given, the CPU used is read right before the clock starts and right after it stops.</param>
    public static async Task<BareLoopResult> UploadAsync(BlobServiceClient blobs, string scratchContainer, BackupManifest manifest, CancellationToken ct, CpuMeter? cpu = null)
    {
        var container = blobs.GetBlobContainerClient(scratchContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        var chunks = manifest.Containers.SelectMany(part => part.Chunks).ToList();
        var payloads = chunks.Select(chunk => new BinaryData(RandomNumberGenerator.GetBytes(checked((int)chunk.Bytes)))).ToList();

        var cpuBefore = cpu?.Sample();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < payloads.Count; i++)
        {
            var blob = container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"bare/{i:D6}.chunk"));
            await blob.UploadAsync(payloads[i], overwrite: true, ct).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = cpu is null || cpuBefore is not { } before ? null : cpu.Between(before, cpu.Sample());
        return new BareLoopResult(elapsed, chunks.Count, chunks.Sum(chunk => (long)chunk.ItemCount), chunks.Sum(chunk => chunk.Bytes), used);
    }

    /// <summary>
    /// The download bare limit of a deep verify: the backup's own chunk blobs downloaded one after the other
    /// (<c>DownloadContentAsync</c>), nothing checked, decrypted or decompressed.
    /// </summary>
    /// <param name="cpu">When given, the CPU used is read right before the clock starts and right after it stops.</param>
    public static async Task<BareLoopResult> DownloadAsync(BlobContainerClient archives, string database, BackupManifest manifest, CancellationToken ct, CpuMeter? cpu = null)
    {
        var chunks = manifest.Containers.SelectMany(part => part.Chunks).ToList();
        long bytes = 0;
        var cpuBefore = cpu?.Sample();
        var started = Stopwatch.GetTimestamp();
        foreach (var chunk in chunks)
        {
            var content = await archives.GetBlobClient(BackupLayout.Chunk(database, manifest.BackupId, chunk.Name))
                .DownloadContentAsync(ct).ConfigureAwait(false);
            bytes += content.Value.Content.ToMemory().Length;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = cpu is null || cpuBefore is not { } before ? null : cpu.Between(before, cpu.Sample());
        return new BareLoopResult(elapsed, chunks.Count, chunks.Sum(chunk => (long)chunk.ItemCount), bytes, used);
    }
}

using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>Uploads one backup's chunks and, last of all, its manifest. Nothing here is visible until the manifest is.</summary>
public sealed class ArchiveWriter(BlobContainerClient archives, string database, string backupId, byte[] dataKey, IUserKeySource userKeys)
{
    public async Task<ChunkManifest> WriteChunkAsync(ChunkBuilder chunk, string chunkName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var itemCount = chunk.ItemCount;
        var sealedChunk = await chunk.SealAsync(new ChunkAddress(backupId, chunkName), dataKey, userKeys, cancellationToken).ConfigureAwait(false);
        var blob = archives.GetBlobClient(BackupLayout.Chunk(database, backupId, chunkName));
        await blob.UploadAsync(new BinaryData(sealedChunk), overwrite: true, cancellationToken).ConfigureAwait(false);
        return new ChunkManifest(chunkName, itemCount, sealedChunk.Length, Convert.ToHexStringLower(SHA256.HashData(sealedChunk)));
    }

    /// <summary>Writes the manifest, once: an existing manifest is never replaced (409).</summary>
    public static async Task WriteManifestAsync(BlobContainerClient archives, string database, string backupId, byte[] manifestFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archives);
        var blob = archives.GetBlobClient(BackupLayout.Manifest(database, backupId));
        await blob.UploadAsync(new BinaryData(manifestFile), overwrite: false, cancellationToken).ConfigureAwait(false);
    }
}

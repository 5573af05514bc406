using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;
using Azure;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// Reads a backup back, trusting nothing: the manifest must authenticate, every chunk must have the recorded size
/// and SHA-256 and authenticate under the backup's data key. Reads from the primary or the secondary region.
/// </summary>
public sealed class BackupArchiveReader(BlobContainerClient archives, KeyRing keyRing, string database)
{
    private const string DataKeyPurpose = "backup-data-key";

    public string Database => database;

    /// <summary>The keyring the backups are read with; it also unwraps the user keys copied into version-2 chunks.</summary>
    public KeyRing KeyRing => keyRing;

    /// <exception cref="BackupIntegrityException">No manifest (the backup does not exist) or one that does not authenticate.</exception>
    public async Task<BackupManifest> ReadManifestAsync(string backupId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await archives.GetBlobClient(BackupLayout.Manifest(database, backupId))
                .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return ManifestCodec.Read(content.Value.Content.ToMemory().Span, keyRing, backupId);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw new BackupIntegrityException(backupId, "it has no manifest, so it does not exist (an unfinished or cleaned-up run)", exception);
        }
    }

    /// <exception cref="KeyRingException">The key-encryption key that wrapped it is not in the keyring.</exception>
    /// <exception cref="BackupIntegrityException">The wrapped key was altered.</exception>
    public byte[] OpenDataKey(BackupManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return OpenDataKey(manifest.BackupId, manifest.Encryption);
    }

    /// <summary>The data key of a backup not committed yet, as its run recorded it (a resumed run goes on with it).</summary>
    /// <exception cref="KeyRingException">The key-encryption key that wrapped it is not in the keyring.</exception>
    /// <exception cref="BackupIntegrityException">The wrapped key was altered.</exception>
    public byte[] OpenDataKey(string backupId, ManifestEncryption encryption)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        try
        {
            var wrapped = new WrappedKey(encryption.KekId, Convert.FromBase64String(encryption.WrappedDataKey));
            return KeyWrapping.Unwrap(keyRing, wrapped, DataKeyPurpose);
        }
        catch (Exception exception) when (exception is DecryptionFailedException or FormatException)
        {
            throw new BackupIntegrityException(backupId, "its data key does not unwrap with the key-encryption key " + encryption.KekId, exception);
        }
    }

    /// <summary>Wraps a new backup's data key under the current key-encryption key, as the manifest records it.</summary>
    public static ManifestEncryption SealDataKey(KeyRing keyRing, byte[] dataKey)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        var wrapped = KeyWrapping.Wrap(keyRing.Current, dataKey, DataKeyPurpose);
        return new ManifestEncryption { KekId = wrapped.KekId, WrappedDataKey = Convert.ToBase64String(wrapped.Ciphertext) };
    }

    /// <summary>Checks that a chunk is present with its recorded size, without downloading it.</summary>
    public async Task<string?> CheckChunkPresentAsync(BackupManifest manifest, ChunkManifest chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(chunk);
        try
        {
            var properties = await archives.GetBlobClient(BackupLayout.Chunk(database, manifest.BackupId, chunk.Name))
                .GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ContentLength == chunk.Bytes
                ? null
                : $"chunk {chunk.Name} has {properties.Value.ContentLength} bytes, the manifest says {chunk.Bytes}";
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return $"chunk {chunk.Name} is missing";
        }
    }

    /// <summary>Downloads a chunk, checks its size and SHA-256, and opens it with the data key.</summary>
    /// <exception cref="BackupIntegrityException">Missing, truncated, corrupted or altered; the message names the chunk.</exception>
    public async Task<IReadOnlyList<UserBlock>> ReadChunkAsync(BackupManifest manifest, ChunkManifest chunk, byte[] dataKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(chunk);
        byte[] content;
        try
        {
            var download = await archives.GetBlobClient(BackupLayout.Chunk(database, manifest.BackupId, chunk.Name))
                .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            content = download.Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw new BackupIntegrityException(manifest.BackupId, $"chunk {chunk.Name} is missing", exception);
        }

        if (content.Length != chunk.Bytes)
        {
            throw new BackupIntegrityException(manifest.BackupId, $"chunk {chunk.Name} has {content.Length} bytes, the manifest says {chunk.Bytes} (truncated or replaced)");
        }

        if (Convert.ToHexStringLower(SHA256.HashData(content)) != chunk.Sha256)
        {
            throw new BackupIntegrityException(manifest.BackupId, $"chunk {chunk.Name} does not match its SHA-256 (corrupted)");
        }

        return ChunkReader.OpenChunk(content, dataKey, new ChunkAddress(manifest.BackupId, chunk.Name));
    }
}

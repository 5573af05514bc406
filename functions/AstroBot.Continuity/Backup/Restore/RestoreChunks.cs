using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// Reads what a restore needs from the backups, each failure a <see cref="RestoreRefusedException"/> that says why:
/// manifests, and one step's chunk with the erasure records (and, on demand, the keys) of that chunk's users only.
/// </summary>
internal sealed class RestoreChunks(BackupArchives archives, UserKeyStore userKeys, ErasureJournal erasures)
{
    /// <summary>The step's chunk, authenticated, with its users' erasure records; dispose it to wipe the data key.</summary>
    /// <param name="onlyUser">In a one-user restore, the user's reference: no one else's key or erasure is read.</param>
    public async Task<OpenedChunk> OpenAsync(RestoreStep step, string? onlyUser, CancellationToken cancellationToken)
    {
        var reader = await OpenReaderAsync(archives, cancellationToken).ConfigureAwait(false);
        var manifest = await ReadManifestAsync(reader, step.BackupId, cancellationToken).ConfigureAwait(false);
        var chunk = manifest.Containers.SingleOrDefault(part => part.Name == step.Container)?.Chunks.SingleOrDefault(candidate => candidate.Name == step.ChunkName)
            ?? throw new RestoreRefusedException($"Backup {step.BackupId} has no chunk {step.ChunkName}: the restore's record does not match the backup.");
        var dataKey = OpenDataKey(reader, manifest);
        try
        {
            var blocks = await reader.ReadChunkAsync(manifest, chunk, dataKey, cancellationToken).ConfigureAwait(false);
            var users = blocks.Where(block => !block.IsSealedWithDataKey && (onlyUser is null || block.UserReference == onlyUser))
                .Select(block => block.UserReference).ToList(); // the only erasure records this step reads
            var erased = await erasures.FindManyAsync(users, cancellationToken).ConfigureAwait(false);
            return new OpenedChunk(chunk.Name, blocks, manifest, reader.KeyRing, dataKey, erased, userKeys, onlyUser);
        }
        catch (Exception exception)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            if (exception is BackupIntegrityException)
            {
                throw new RestoreRefusedException(exception.Message + " The restore is refused.", exception);
            }

            throw;
        }
    }

    public static async Task<BackupArchiveReader> OpenReaderAsync(BackupArchives archives, CancellationToken cancellationToken)
    {
        try
        {
            return await archives.OpenAsync(fromSecondary: false, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyRingException exception)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }
    }

    /// <summary>The manifest, authenticated.</summary>
    public static async Task<BackupManifest> ReadManifestAsync(BackupArchiveReader reader, string backupId, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }
    }

    /// <summary>Checks that the backup's data key unwraps, then wipes it: planning needs no chunk.</summary>
    public static void CheckDataKey(BackupArchiveReader reader, BackupManifest manifest) => CryptographicOperations.ZeroMemory(OpenDataKey(reader, manifest));

    private static byte[] OpenDataKey(BackupArchiveReader reader, BackupManifest manifest)
    {
        try
        {
            return reader.OpenDataKey(manifest);
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }
    }
}

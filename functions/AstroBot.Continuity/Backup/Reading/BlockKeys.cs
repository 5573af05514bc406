using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>Where the key that opens a user block came from, or why there is none.</summary>
public enum BlockKeySource
{
    /// <summary>The backup's data key: the block of items without a user.</summary>
    DataKey,

    /// <summary>The user's row in the user-key table, with the block's key id.</summary>
    Table,

    /// <summary>The block's own copy of the wrapped user key: the table lost the row, or it does not unwrap.</summary>
    BackupCopy,

    /// <summary>The user was erased (the erasure journal): the block is never opened.</summary>
    Erased,

    /// <summary>No key: not in the table, no usable copy, and the journal does not say the user was erased.</summary>
    Lost,
}

/// <summary>The key that opens a block, when there is one.</summary>
public readonly record struct BlockKey(BlockKeySource Source, byte[]? Material);

/// <summary>
/// Finds the key of each user block of one backup, erasure first: the journal is consulted before any key is used,
/// so an erased user's block is never opened, whichever copy of their key exists. Then the user-key table, then the
/// block's own copy of the wrapped key (version-2 chunks). docs/backup-format.md, "Reading a backup, step by step".
/// </summary>
/// <param name="backupStartedAt">The backup's start: a user erased after it began is left out whole.</param>
/// <param name="table">The user-key table's keys; null to open with the blocks' own key copies only.</param>
public sealed class BlockKeys(
    string backupId, DateTimeOffset backupStartedAt, byte[] dataKey, KeyRing ring, IUserKeySource? table, IReadOnlyDictionary<string, ErasureRecord> erasures)
{
    public string BackupId => backupId;

    /// <summary>Where a chunk of this backup sits, as its blocks' associated data names it.</summary>
    public ChunkAddress Address(string chunkName) => new(backupId, chunkName);

    /// <exception cref="BackupIntegrityException">The block's key copy does not authenticate (it was altered).</exception>
    public async ValueTask<BlockKey> FindAsync(UserBlock block, string chunkName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.IsSealedWithDataKey)
        {
            return new(BlockKeySource.DataKey, dataKey);
        }

        var erasure = erasures.GetValueOrDefault(block.UserReference);
        if (erasure is not null && (erasure.ErasedAfter(backupStartedAt) || erasure.Destroyed(block.KeyId)))
        {
            return new(BlockKeySource.Erased, null);
        }

        if (table is not null && await table.FindAsync(block.UserReference, cancellationToken).ConfigureAwait(false) is { } key && key.KeyId == block.KeyId)
        {
            return new(BlockKeySource.Table, key.Material);
        }

        if (block.KeyCopy is { } copy && (erasure?.TrustsKeyCopies ?? true))
        {
            try
            {
                return new(BlockKeySource.BackupCopy, UserKeyWrapping.Unwrap(ring, copy, block.UserReference, block.KeyId).Material);
            }
            catch (KeyRingException)
            {
                // Wrapped by a KEK this keyring lacks: as good as no copy.
            }
            catch (DecryptionFailedException exception)
            {
                throw new BackupIntegrityException(backupId, $"the key copy of a user block in chunk {chunkName} does not authenticate", exception);
            }
        }

        // A journal row that names no keys (written before it did) means erased; otherwise nothing accounts for the key.
        return new(erasure is null ? BlockKeySource.Lost : BlockKeySource.Erased, null);
    }
}

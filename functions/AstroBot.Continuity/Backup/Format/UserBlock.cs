using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>One user's items in a chunk, sealed under the key <see cref="KeyId"/> of the user <see cref="UserReference"/>.</summary>
/// <param name="KeyCopy">
/// The user's key as the backup run found it, wrapped by a key-encryption key (null in version-1 chunks and in the
/// data-key block): it opens the block when the user-key table has lost the row, unless the erasure journal says otherwise.
/// </param>
public sealed record UserBlock(string UserReference, string KeyId, int ItemCount, byte[] SealedItems, WrappedKey? KeyCopy = null)
{
    public bool IsSealedWithDataKey => KeyId == ChunkFormat.DataKeyId;
}

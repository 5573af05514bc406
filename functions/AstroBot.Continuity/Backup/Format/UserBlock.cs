namespace AstroBot.Continuity.Backup.Format;

/// <summary>One user's items in a chunk, sealed under the key <see cref="KeyId"/> of the user <see cref="UserReference"/>.</summary>
public sealed record UserBlock(string UserReference, string KeyId, int ItemCount, byte[] SealedItems)
{
    public bool IsSealedWithDataKey => KeyId == ChunkFormat.DataKeyId;
}

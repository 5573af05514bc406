using System.IO.Compression;
using System.Text;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>Opens a sealed chunk: authenticates it with the data key, then each user's block with that user's key.</summary>
public static class ChunkReader
{
    /// <summary>The user blocks of a chunk, still sealed under each user's key.</summary>
    /// <exception cref="BackupIntegrityException">The chunk does not authenticate or is malformed.</exception>
    public static IReadOnlyList<UserBlock> OpenChunk(ReadOnlySpan<byte> sealedChunk, byte[] dataKey, ChunkAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        byte[] plain;
        try
        {
            plain = Aead.Open(dataKey, sealedChunk, address.ChunkAssociatedData);
        }
        catch (DecryptionFailedException exception)
        {
            throw new BackupIntegrityException(address.BackupId, $"chunk {address.ChunkName} does not authenticate (corrupted, truncated or altered)", exception);
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
            var magic = reader.ReadBytes(ChunkFormat.Magic.Length);
            var withKeyCopies = magic.AsSpan().SequenceEqual(ChunkFormat.Magic);
            if (!withKeyCopies && !magic.AsSpan().SequenceEqual(ChunkFormat.MagicVersion1))
            {
                throw new BackupIntegrityException(address.BackupId, $"chunk {address.ChunkName} is not a version-1 or version-2 chunk");
            }

            var blocks = new List<UserBlock>();
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var reference = reader.ReadString();
                var keyId = reader.ReadString();
                var keyCopy = withKeyCopies ? ReadKeyCopy(reader) : null;
                var itemCount = reader.ReadInt32();
                var length = reader.ReadInt32();
                if (itemCount < 0 || length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
                {
                    throw new EndOfStreamException("A block's count or length is out of range.");
                }

                var sealedItems = reader.ReadBytes(length);
                blocks.Add(new UserBlock(reference, keyId, itemCount, sealedItems, keyCopy));
            }

            return blocks;
        }
        catch (EndOfStreamException exception)
        {
            throw new BackupIntegrityException(address.BackupId, $"chunk {address.ChunkName} is malformed", exception);
        }
    }

    /// <summary>A version-2 block's copy of its wrapped user key: KEK id and ciphertext, both empty for the data-key block.</summary>
    private static WrappedKey? ReadKeyCopy(BinaryReader reader)
    {
        var kekId = reader.ReadString();
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new EndOfStreamException("A block's key copy length is out of range.");
        }

        var ciphertext = reader.ReadBytes(length);
        return kekId.Length == 0 ? null : new WrappedKey(kekId, ciphertext);
    }

    /// <summary>The items of one user block, each its canonical JSON.</summary>
    /// <exception cref="DecryptionFailedException">Not this block's key, or the block was altered.</exception>
    public static IReadOnlyList<byte[]> OpenItems(UserBlock block, byte[] key, ChunkAddress address)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(address);
        var compressed = Aead.Open(key, block.SealedItems, address.BlockAssociatedData(block.UserReference));
        using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var ndjson = new MemoryStream();
        brotli.CopyTo(ndjson);
        var items = new List<byte[]>(block.ItemCount);
        var remaining = ndjson.GetBuffer().AsMemory(0, (int)ndjson.Length);
        while (remaining.Length > 0)
        {
            var end = remaining.Span.IndexOf((byte)'\n');
            var line = end < 0 ? remaining : remaining[..end];
            items.Add(line.ToArray());
            remaining = end < 0 ? Memory<byte>.Empty : remaining[(end + 1)..];
        }

        return items;
    }
}

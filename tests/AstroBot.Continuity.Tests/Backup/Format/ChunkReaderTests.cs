using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Backup.Format;

public sealed class ChunkReaderTests
{
    private const string Alice = "4915100000001";
    private const string Bob = "4915100000002";
    private static readonly ChunkAddress Address = new("20261127T020000Z-full-1a2b3c4d", "chunks/messages/000003.chunk");

    private readonly byte[] dataKey = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryUserKeys userKeys = new();

    [Fact]
    public async Task OpenItems_EachUsersBlock_OpensOnlyWithThatUsersKey()
    {
        var blocks = ChunkReader.OpenChunk(await SealAsync(Address), dataKey, Address);
        var alice = blocks.Single(block => block.UserReference == UserReferences.For(Alice));
        var bob = blocks.Single(block => block.UserReference == UserReferences.For(Bob));

        Assert.Equal(2, ChunkReader.OpenItems(alice, userKeys.For(Alice).Material, Address).Count);
        Assert.Throws<DecryptionFailedException>(() => ChunkReader.OpenItems(alice, userKeys.For(Bob).Material, Address));
        Assert.Throws<DecryptionFailedException>(() => ChunkReader.OpenItems(alice, dataKey, Address));
        Assert.Throws<DecryptionFailedException>(() => ChunkReader.OpenItems(bob, userKeys.For(Alice).Material, Address));
        Assert.Throws<DecryptionFailedException>(() => ChunkReader.OpenItems(blocks.Single(block => block.IsSealedWithDataKey), userKeys.For(Alice).Material, Address));
    }

    [Fact]
    public async Task OpenItems_BlockPassedOffAsAnotherUsers_DoesNotOpen()
    {
        var blocks = ChunkReader.OpenChunk(await SealAsync(Address), dataKey, Address);
        var alice = blocks.Single(block => block.UserReference == UserReferences.For(Alice));

        var relabelled = alice with { UserReference = UserReferences.For(Bob) };

        Assert.Throws<DecryptionFailedException>(() => ChunkReader.OpenItems(relabelled, userKeys.For(Alice).Material, Address));
    }

    [Theory]
    [InlineData("20261127T020000Z-full-1a2b3c4d", "chunks/messages/000004.chunk")]
    [InlineData("20261127T020000Z-full-1a2b3c4d", "chunks/accounts/000003.chunk")]
    [InlineData("20261128T020000Z-full-1a2b3c4d", "chunks/messages/000003.chunk")]
    public async Task OpenChunk_ChunkMovedToAnotherAddress_DoesNotAuthenticate(string backupId, string chunkName)
    {
        var sealedChunk = await SealAsync(Address);
        var elsewhere = new ChunkAddress(backupId, chunkName);

        var exception = Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(sealedChunk, dataKey, elsewhere));

        Assert.Contains($"chunk {chunkName} does not authenticate", exception.Message, StringComparison.Ordinal);
        Assert.Equal(backupId, exception.BackupId);
    }

    [Fact]
    public async Task OpenItems_BlockMovedIntoAChunkAtAnotherAddress_DoesNotOpen()
    {
        // Someone with the data key re-seals a user block of one chunk inside another chunk: the block's own seal still binds its address.
        var moved = ChunkReader.OpenChunk(await SealAsync(Address), dataKey, Address).Single(block => block.UserReference == UserReferences.For(Alice));
        var elsewhere = new ChunkAddress(Address.BackupId, "chunks/messages/000009.chunk");

        Assert.Throws<DecryptionFailedException>(() => ChunkReader.OpenItems(moved, userKeys.For(Alice).Material, elsewhere));
    }

    [Fact]
    public async Task OpenChunk_AnyFlippedByte_ThrowsIntegrityExceptionNamingTheChunk()
    {
        var sealedChunk = await SealAsync(Address);

        foreach (var position in new[] { 0, 11, 12, 13, sealedChunk.Length / 2, sealedChunk.Length - 17, sealedChunk.Length - 16, sealedChunk.Length - 1 })
        {
            var corrupted = (byte[])sealedChunk.Clone();
            corrupted[position] ^= 0x01;

            var exception = Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(corrupted, dataKey, Address));

            Assert.Contains(Address.ChunkName, exception.Message, StringComparison.Ordinal);
            Assert.Contains(Address.BackupId, exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(100)]
    public async Task OpenChunk_Truncated_IsRefused(int missingBytes)
    {
        var sealedChunk = await SealAsync(Address);

        var exception = Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(sealedChunk.AsSpan(0, sealedChunk.Length - missingBytes), dataKey, Address));

        Assert.Contains(Address.ChunkName, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenChunk_ShorterThanASeal_IsRefused()
    {
        var exception = Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(new byte[10], dataKey, Address));

        Assert.Contains("does not authenticate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenChunk_WrongDataKey_DoesNotAuthenticate()
    {
        var sealedChunk = await SealAsync(Address);

        Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(sealedChunk, RandomNumberGenerator.GetBytes(32), Address));
    }

    [Fact]
    public void OpenChunk_AuthenticButNotAChunk_IsRefusedAsUnknownVersion()
    {
        var sealedChunk = Aead.Seal(dataKey, "ABK9 something else"u8, Address.ChunkAssociatedData);

        var exception = Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(sealedChunk, dataKey, Address));

        Assert.Contains("is not a version-1 or version-2 chunk", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenChunk_Version2_EachUserBlockCarriesItsKeyWrappedAsTheTableHoldsIt()
    {
        var blocks = ChunkReader.OpenChunk(await SealAsync(Address), dataKey, Address);
        var alice = blocks.Single(block => block.UserReference == UserReferences.For(Alice));

        var copy = UserKeyWrapping.Unwrap(userKeys.Ring, alice.KeyCopy!, alice.UserReference, alice.KeyId);

        Assert.Equal(userKeys.For(Alice).Material, copy.Material);
        Assert.Equal(userKeys.For(Alice).Wrapped.Ciphertext, alice.KeyCopy!.Ciphertext);
        Assert.Null(blocks.Single(block => block.IsSealedWithDataKey).KeyCopy);
        // Bound to the user and key id: passed off as Bob's, or as another key of Alice's, it does not unwrap.
        Assert.Throws<DecryptionFailedException>(() => UserKeyWrapping.Unwrap(userKeys.Ring, alice.KeyCopy!, UserReferences.For(Bob), alice.KeyId));
        Assert.Throws<DecryptionFailedException>(() => UserKeyWrapping.Unwrap(userKeys.Ring, alice.KeyCopy!, alice.UserReference, "another-key-id"));
    }

    [Fact]
    public async Task OpenChunk_Version1Chunk_ReadsItsBlocksWithoutKeyCopies()
    {
        // Written before blocks carried key copies: still read, and opened with the user-key table alone.
        var key = await userKeys.GetOrCreateAsync(Alice, CancellationToken.None);
        var sealedItems = Aead.Seal(key.Material, Brotli("""{"id":"a1","wa_id":"4915100000001"}"""), Address.BlockAssociatedData(key.UserReference));
        var plain = Layout(writer =>
        {
            writer.Write(key.UserReference);
            writer.Write(key.KeyId);
            writer.Write(1);
            writer.Write(sealedItems.Length);
            writer.Write(sealedItems);
        });

        var block = Assert.Single(ChunkReader.OpenChunk(Aead.Seal(dataKey, plain, Address.ChunkAssociatedData), dataKey, Address));

        Assert.Null(block.KeyCopy);
        Assert.Single(ChunkReader.OpenItems(block, key.Material, Address));
    }

    [Fact]
    public void OpenChunk_AuthenticButCutShortInsideABlockHeader_IsMalformed()
    {
        var plain = Layout(writer =>
        {
            writer.Write(UserReferences.For(Alice));
            writer.Write("key-id");
            writer.Write((short)2);
        });

        var exception = Assert.Throws<BackupIntegrityException>(() => ChunkReader.OpenChunk(Aead.Seal(dataKey, plain, Address.ChunkAssociatedData), dataKey, Address));

        Assert.Contains($"chunk {Address.ChunkName} is malformed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenChunk_AuthenticWithANegativeBlockLength_ThrowsIntegrityException()
    {
        // Only a writer bug (or the data key) can produce this, but the reader promises BackupIntegrityException for any malformed chunk,
        // and the verifier and the restore catch only that.
        var plain = Layout(writer =>
        {
            writer.Write(UserReferences.For(Alice));
            writer.Write("key-id");
            writer.Write(2);
            writer.Write(-1);
        });

        var exception = Record.Exception(() => ChunkReader.OpenChunk(Aead.Seal(dataKey, plain, Address.ChunkAssociatedData), dataKey, Address));

        Assert.IsType<BackupIntegrityException>(exception);
    }

    private async Task<byte[]> SealAsync(ChunkAddress address)
    {
        var builder = new ChunkBuilder();
        builder.Add(Item($$"""{"id":"a1","wa_id":"{{Alice}}"}"""));
        builder.Add(Item($$"""{"id":"a2","wa_id":"{{Alice}}"}"""));
        builder.Add(Item($$"""{"id":"b1","wa_id":"{{Bob}}"}"""));
        builder.Add(Item("""{"id":"no-user"}"""));
        return await builder.SealAsync(address, dataKey, userKeys, CancellationToken.None);
    }

    private static byte[] Layout(Action<BinaryWriter> blocks)
    {
        using var plain = new MemoryStream();
        using (var writer = new BinaryWriter(plain, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("ABK1"u8);
            blocks(writer);
        }

        return plain.ToArray();
    }

    private static byte[] Brotli(string ndjson)
    {
        using var output = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            brotli.Write(Encoding.UTF8.GetBytes(ndjson));
        }

        return output.ToArray();
    }

    private static CanonicalItem Item(string json) => CanonicalItem.Parse(Encoding.UTF8.GetBytes(json));
}

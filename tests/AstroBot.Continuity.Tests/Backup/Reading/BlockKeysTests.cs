using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Tests.Backup.Format;

namespace AstroBot.Continuity.Tests.Backup.Reading;

/// <summary>Which key opens a user block, erasure first (docs/backup-format.md, "Reading a backup, step by step").</summary>
public sealed class BlockKeysTests
{
    private const string Alice = "4915100000001";
    private const string BackupId = "20261127T020000Z-full-1a2b3c4d";
    private const string ChunkName = "chunks/messages/000000.chunk";
    private static readonly DateTimeOffset StartedAt = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private readonly byte[] dataKey = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryUserKeys table = new();
    private readonly Dictionary<string, ErasureRecord> journal = new(StringComparer.Ordinal);

    [Fact]
    public async Task FindAsync_KeyInTheTable_TheTablesKey()
    {
        var block = await AlicesBlockAsync();

        var key = await Sut().FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(BlockKeySource.Table, key.Source);
        Assert.Equal(table.For(Alice).Material, key.Material);
    }

    [Fact]
    public async Task FindAsync_TheTableLostTheRow_TheBlocksOwnCopy()
    {
        var block = await AlicesBlockAsync();
        var material = table.For(Alice).Material;
        table.Destroy(Alice);

        var key = await Sut().FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(BlockKeySource.BackupCopy, key.Source);
        Assert.Equal(material, key.Material);
    }

    [Fact]
    public async Task FindAsync_NoTable_TheBlocksOwnCopy()
    {
        var block = await AlicesBlockAsync();

        var key = await new BlockKeys(BackupId, StartedAt, dataKey, table.Ring, table: null, journal).FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(BlockKeySource.BackupCopy, key.Source);
        Assert.Equal(table.For(Alice).Material, key.Material);
    }

    [Fact]
    public async Task FindAsync_ErasedAfterTheBackupBegan_ErasedEvenWithTheKeyInTheTable()
    {
        var block = await AlicesBlockAsync();
        journal[block.UserReference] = new ErasureRecord(StartedAt.AddHours(1), new HashSet<string>());

        var key = await Sut().FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(new BlockKey(BlockKeySource.Erased, null), key);
    }

    [Fact]
    public async Task FindAsync_KeyDestroyedByAnErasureThatBeganBeforeTheBackup_ErasedThoughTheBlockHasACopy()
    {
        // The race an erasure runs with a backup: the journal is written, the backup starts and still seals the
        // user's last items with the old key, then the key is destroyed. The journal names that key.
        var block = await AlicesBlockAsync();
        journal[block.UserReference] = new ErasureRecord(StartedAt.AddMinutes(-1), new HashSet<string> { block.KeyId });
        table.Destroy(Alice);

        var key = await Sut().FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(BlockKeySource.Erased, key.Source);
    }

    [Fact]
    public async Task FindAsync_ErasedBeforeAndBackWithANewKey_TheNewKeyOpensFromTheCopy()
    {
        // Erased at 01:00 (key "old" destroyed), back with a new key; the table then lost the new key's row.
        var block = await AlicesBlockAsync();
        journal[block.UserReference] = new ErasureRecord(StartedAt.AddHours(-1), new HashSet<string> { "old" });
        table.Destroy(Alice);

        var key = await Sut().FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(BlockKeySource.BackupCopy, key.Source);
    }

    [Fact]
    public async Task FindAsync_JournalRowThatNamesNoKeysAndNoRow_ErasedNotOpenedFromTheCopy()
    {
        // A row written before the journal named keys: the copy could be the key the erasure destroyed.
        var block = await AlicesBlockAsync();
        journal[block.UserReference] = new ErasureRecord(StartedAt.AddHours(-1), DestroyedKeyIds: null);
        table.Destroy(Alice);

        Assert.Equal(BlockKeySource.Erased, (await Sut().FindAsync(block, ChunkName, CancellationToken.None)).Source);
    }

    [Fact]
    public async Task FindAsync_NoRowNoCopyNoErasure_Lost()
    {
        var block = await AlicesBlockAsync() with { KeyCopy = null };
        table.Destroy(Alice);

        Assert.Equal(new BlockKey(BlockKeySource.Lost, null), await Sut().FindAsync(block, ChunkName, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_CopyUnderAKekTheKeyringLacks_Lost()
    {
        var block = await AlicesBlockAsync();
        table.Destroy(Alice);
        var otherRing = new KeyRing(new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(BlockKeySource.Lost, (await Sut(otherRing).FindAsync(block, ChunkName, CancellationToken.None)).Source);
    }

    [Fact]
    public async Task FindAsync_AlteredCopy_IntegrityException()
    {
        var block = await AlicesBlockAsync();
        table.Destroy(Alice);
        var altered = block.KeyCopy!.Ciphertext.ToArray();
        altered[^1] ^= 1;

        var exception = await Assert.ThrowsAsync<BackupIntegrityException>(
            () => Sut().FindAsync(block with { KeyCopy = block.KeyCopy with { Ciphertext = altered } }, ChunkName, CancellationToken.None).AsTask());

        Assert.Contains($"key copy of a user block in chunk {ChunkName}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_RowWithAnotherKeyId_TheBlocksCopyNotTheRow()
    {
        // The row was replaced by a new key (the user erased and back, or a corrupt row re-keyed): the block's own key opens it.
        var block = await AlicesBlockAsync();
        var material = table.For(Alice).Material;
        table.Destroy(Alice);
        await table.GetOrCreateAsync(Alice, CancellationToken.None);

        var key = await Sut().FindAsync(block, ChunkName, CancellationToken.None);

        Assert.Equal(BlockKeySource.BackupCopy, key.Source);
        Assert.Equal(material, key.Material);
    }

    private BlockKeys Sut(KeyRing? ring = null) => new(BackupId, StartedAt, dataKey, ring ?? table.Ring, table, journal);

    private async Task<UserBlock> AlicesBlockAsync()
    {
        var builder = new ChunkBuilder();
        builder.Add(CanonicalItem.Parse(Encoding.UTF8.GetBytes($$"""{"id":"a1","wa_id":"{{Alice}}"}""")));
        var address = new ChunkAddress(BackupId, ChunkName);
        var sealedChunk = await builder.SealAsync(address, dataKey, table, CancellationToken.None);
        return Assert.Single(ChunkReader.OpenChunk(sealedChunk, dataKey, address));
    }
}

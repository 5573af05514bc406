using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AstroBot.Continuity.Tests.Crypto;

/// <summary>Against Azurite, each test with its own table.</summary>
public sealed class UserKeyStoreTests : IAsyncLifetime
{
    private const string WaId = "15550001111";
    private static readonly DateTimeOffset Monday = new(2027, 1, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly string tableName = EmulatorEndpoints.UniqueName("userkeys");
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly FakeTimeProvider time = new(Monday);
    private readonly KeyEncryptionKey kek = TestKeys.NewKek();
    private UserKeyStore sut = null!;

    public Task InitializeAsync()
    {
        sut = Store(new KeyRing(kek));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await storage.Tables.DeleteTableAsync(tableName);

    [Fact]
    public async Task GetOrCreateAsync_NewUser_StoresTheKeyWrappedUnderAPseudonym()
    {
        var key = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var reference = UserReferences.For(WaId);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((reference, reference[..2], reference), (key.UserReference, row.PartitionKey, row.RowKey));
        Assert.Equal(key.KeyId, row.GetString("KeyId"));
        Assert.Matches("^[0-9a-f]{32}$", key.KeyId);
        Assert.Equal(kek.Id, row.GetString("KekId"));
        Assert.Equal(Monday, row.GetDateTimeOffset("CreatedAt"));
        Assert.Equal(32, key.Material.Length);
        Assert.Equal(key.Material, KeyWrapping.Unwrap(new KeyRing(kek), new WrappedKey(kek.Id, row.GetBinary("WrappedKey")), $"user-key|{key.UserReference}|{key.KeyId}"));
        Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains(WaId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task GetOrCreateAsync_SecondCall_ReturnsTheSameKey()
    {
        var first = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var second = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        Assert.Equal((first.UserReference, first.KeyId), (second.UserReference, second.KeyId));
        Assert.Equal(first.Material, second.Material);
    }

    [Fact]
    public async Task GetOrCreateAsync_EightConcurrentCallersForOneUser_AllGetTheSameKey()
    {
        // Separate store instances, as separate hosts would be, so each one also races to create the table.
        var stores = Enumerable.Range(0, 8).Select(_ => Store(new KeyRing(kek))).ToArray();

        var keys = await Task.WhenAll(stores.Select(store => Task.Run(() => store.GetOrCreateAsync(WaId, CancellationToken.None))));

        Assert.Single(keys.Select(k => (k.UserReference, k.KeyId)).Distinct());
        Assert.All(keys, key => Assert.Equal(keys[0].Material, key.Material));
        Assert.Single(await RowsAsync());
    }

    [Fact]
    public async Task GetOrCreateAsync_DifferentUsers_GetDifferentKeys()
    {
        var first = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var second = await sut.GetOrCreateAsync("15550002222", CancellationToken.None);

        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.NotEqual(first.Material, second.Material);
    }

    [Fact]
    public async Task GetOrCreateAsync_StoredKeyWrappedByAKekNotInTheRing_ThrowsInsteadOfReplacingIt()
    {
        var original = await sut.GetOrCreateAsync(WaId, CancellationToken.None);
        var withoutOldKek = Store(new KeyRing(TestKeys.NewKek()));

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => withoutOldKek.GetOrCreateAsync(WaId, CancellationToken.None));

        Assert.Contains($"'{kek.Id}'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(original.KeyId, Assert.Single(await RowsAsync()).GetString("KeyId"));
    }

    [Fact]
    public async Task FindAsync_NeverCreated_ReturnsNull()
    {
        Assert.Null(await sut.FindAsync(UserReferences.For(WaId), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_Created_ReturnsTheKey()
    {
        var created = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var found = await sut.FindAsync(created.UserReference, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal((created.UserReference, created.KeyId), (found.UserReference, found.KeyId));
        Assert.Equal(created.Material, found.Material);
    }

    [Theory]
    [InlineData("15550001111")]
    [InlineData("")]
    public async Task FindAsync_NotAUserReference_Throws(string reference)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => sut.FindAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task DestroyAsync_ExistingKey_ReturnsItsIdAndTheKeyIsGone()
    {
        var created = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var destroyed = await sut.DestroyAsync(WaId, CancellationToken.None);

        Assert.Equal(created.KeyId, destroyed);
        Assert.Null(await sut.FindAsync(created.UserReference, CancellationToken.None));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task DestroyAsync_NoKey_ReturnsNull()
    {
        await sut.GetOrCreateAsync("15550002222", CancellationToken.None);

        Assert.Null(await sut.DestroyAsync(WaId, CancellationToken.None));
        Assert.Single(await RowsAsync());
    }

    [Fact]
    public async Task DestroyAsync_Twice_ReturnsNullTheSecondTime()
    {
        await sut.GetOrCreateAsync(WaId, CancellationToken.None);
        await sut.DestroyAsync(WaId, CancellationToken.None);

        Assert.Null(await sut.DestroyAsync(WaId, CancellationToken.None));
    }

    [Fact]
    public async Task GetOrCreateAsync_AfterDestroy_MakesANewUnrelatedKey()
    {
        var before = await sut.GetOrCreateAsync(WaId, CancellationToken.None);
        await sut.DestroyAsync(WaId, CancellationToken.None);

        var after = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        Assert.Equal(before.UserReference, after.UserReference);
        Assert.NotEqual(before.KeyId, after.KeyId);
        Assert.NotEqual(before.Material, after.Material);
    }

    [Fact]
    public async Task LoadAllAsync_SeveralUsers_ReturnsEachKeyByReference()
    {
        string[] waIds = ["15550001111", "15550002222", "4915112345678"];
        var created = await Task.WhenAll(waIds.Select(waId => sut.GetOrCreateAsync(waId, CancellationToken.None)));
        await sut.DestroyAsync("15550002222", CancellationToken.None);

        var all = (await sut.LoadAllAsync(CancellationToken.None)).Keys;

        Assert.Equal(
            new[] { created[0].UserReference, created[2].UserReference }.Order(StringComparer.Ordinal),
            all.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(created[0].KeyId, all[created[0].UserReference].KeyId);
        Assert.Equal(created[2].Material, all[created[2].UserReference].Material);
    }

    [Fact]
    public async Task LoadAllAsync_ARowAltered_ReportsItAndReturnsEveryOtherKey()
    {
        var intact = await sut.GetOrCreateAsync("15550002222", CancellationToken.None);
        var altered = await sut.GetOrCreateAsync(WaId, CancellationToken.None);
        var row = (await RowsAsync()).Single(candidate => candidate.RowKey == altered.UserReference);
        var wrapped = row.GetBinary("WrappedKey")!;
        wrapped[^1] ^= 1;
        row["WrappedKey"] = wrapped;
        await storage.Tables.GetTableClient(tableName).UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var snapshot = await sut.LoadAllAsync(CancellationToken.None);

        Assert.Equal([intact.UserReference], snapshot.Keys.Keys);
        Assert.Equal([altered.UserReference], snapshot.Unreadable);
    }

    [Fact]
    public async Task LoadAllAsync_ARowUnderAKekNotInTheKeyring_ReportsIt()
    {
        var original = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var snapshot = await Store(new KeyRing(TestKeys.NewKek())).LoadAllAsync(CancellationToken.None);

        Assert.Empty(snapshot.Keys);
        Assert.Equal([original.UserReference], snapshot.Unreadable);
    }

    [Fact]
    public async Task FindKeyIdAsync_ExistingKey_ItsIdWithoutTheKeyring()
    {
        var created = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        Assert.Equal(created.KeyId, await Store(new KeyRing(TestKeys.NewKek())).FindKeyIdAsync(WaId, CancellationToken.None));
        Assert.Null(await sut.FindKeyIdAsync("15550002222", CancellationToken.None));
    }

    [Fact]
    public async Task GetOrCreateAsync_NewKey_CarriesTheWrappedCopyTheTableHolds()
    {
        var created = await sut.GetOrCreateAsync(WaId, CancellationToken.None);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(row.GetBinary("WrappedKey"), created.Wrapped.Ciphertext);
        Assert.Equal(row.GetString("KekId"), created.Wrapped.KekId);
        Assert.Equal(created.Material, UserKeyWrapping.Unwrap(new KeyRing(kek), created.Wrapped, created.UserReference, created.KeyId).Material);
    }

    [Fact]
    public async Task LoadAllAsync_NoUsers_ReturnsEmpty()
    {
        var snapshot = await sut.LoadAllAsync(CancellationToken.None);

        Assert.Empty(snapshot.Keys);
        Assert.Empty(snapshot.Unreadable);
    }

    [Fact]
    public async Task RewrapAsync_AfterRotation_MovesEveryKeyToTheCurrentKek()
    {
        var created = await Task.WhenAll(new[] { "15550001111", "15550002222", "15550003333" }
            .Select(waId => sut.GetOrCreateAsync(waId, CancellationToken.None)));
        var rotatedKek = TestKeys.NewKek();
        var rotated = Store(new KeyRing(rotatedKek, kek));

        var rewrapped = await rotated.RewrapAsync(CancellationToken.None);

        Assert.Equal(3, rewrapped);
        Assert.All(await RowsAsync(), row => Assert.Equal(rotatedKek.Id, row.GetString("KekId")));
        // The old KEK can now go: the keys read with the new one alone, unchanged.
        var all = (await Store(new KeyRing(rotatedKek)).LoadAllAsync(CancellationToken.None)).Keys;
        Assert.All(created, key =>
        {
            Assert.Equal(key.KeyId, all[key.UserReference].KeyId);
            Assert.Equal(key.Material, all[key.UserReference].Material);
        });
    }

    [Fact]
    public async Task RewrapAsync_EverythingUnderTheCurrentKek_RewrapsNothing()
    {
        await sut.GetOrCreateAsync(WaId, CancellationToken.None);
        var before = Assert.Single(await RowsAsync());

        var rewrapped = await sut.RewrapAsync(CancellationToken.None);

        Assert.Equal(0, rewrapped);
        Assert.Equal(before.ETag, Assert.Single(await RowsAsync()).ETag);
    }

    private UserKeyStore Store(KeyRing ring)
    {
        var source = new Mock<IKeyRingSource>();
        source.Setup(s => s.LoadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(ring);
        return new UserKeyStore(
            storage,
            Options.Create(new CryptoOptions { UserKeyTableName = tableName }),
            new KeyRingProvider(source.Object),
            time);
    }

    private async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Tables.GetTableClient(tableName).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}

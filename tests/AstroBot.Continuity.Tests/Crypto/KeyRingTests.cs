using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class KeyRingTests
{
    [Fact]
    public void All_CurrentAndRetiredWithRepeats_ListsEachOnceCurrentFirst()
    {
        var current = TestKeys.NewKek();
        var old = TestKeys.NewKek();
        var older = TestKeys.NewKek();

        var sut = new KeyRing(current, old, current, older, new KeyEncryptionKey(old.Material.Span));

        Assert.Same(current, sut.Current);
        Assert.Equal([current.Id, old.Id, older.Id], sut.All.Select(k => k.Id));
    }

    [Fact]
    public void TryGet_RetiredKey_FindsIt()
    {
        var old = TestKeys.NewKek();
        var sut = new KeyRing(TestKeys.NewKek(), [old]);

        Assert.True(sut.TryGet(old.Id, out var found));
        Assert.Same(old, found);
    }

    [Fact]
    public void TryGet_UnknownId_ReturnsFalse()
    {
        var sut = new KeyRing(TestKeys.NewKek());

        Assert.False(sut.TryGet(TestKeys.NewKek().Id, out var found));
        Assert.Null(found);
    }

    [Fact]
    public void Get_CurrentKey_ReturnsIt()
    {
        var current = TestKeys.NewKek();
        var sut = new KeyRing(current);

        Assert.Same(current, sut.Get(current.Id));
    }

    [Fact]
    public void Get_UnknownId_ThrowsNamingTheIdAndWhereToAddIt()
    {
        var sut = new KeyRing(TestKeys.NewKek());
        var missing = TestKeys.NewKek().Id;

        var failure = Assert.Throws<KeyRingException>(() => sut.Get(missing));

        Assert.Equal(
            $"The key-encryption key '{missing}' is not in the keyring; add it back to Crypto:RetiredKeks/RetiredKekFiles or Key Vault to read what it protects",
            failure.Message);
    }
}

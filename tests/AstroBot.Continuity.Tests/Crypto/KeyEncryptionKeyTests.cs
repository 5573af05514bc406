using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class KeyEncryptionKeyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Ctor_MaterialNot32Bytes_Throws(int size)
    {
        var failure = Assert.Throws<ArgumentException>(() => new KeyEncryptionKey(new byte[size]));

        Assert.Contains("32 bytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_KnownMaterial_IsKekAndTheFirst16HexDigitsOfItsSha256()
    {
        // SHA-256 of 32 zero bytes is 66687aadf862bd77 6c8f...
        var sut = new KeyEncryptionKey(new byte[32]);

        Assert.Equal("kek-66687aadf862bd77", sut.Id);
    }

    [Fact]
    public void Id_SameMaterialFromTwoSources_IsTheSame()
    {
        var base64 = TestKeys.NewBase64();

        var sut = new KeyEncryptionKey(Convert.FromBase64String(base64));

        Assert.True(KeyEncryptionKey.TryParse(base64 + "\n", out var parsed));
        Assert.Equal(sut.Id, parsed.Id);
        Assert.NotEqual(sut.Id, TestKeys.NewKek().Id);
    }

    [Fact]
    public void Material_InputChangedAfterConstruction_IsUnaffected()
    {
        var input = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var sut = new KeyEncryptionKey(input);

        input[0] = 0xFF;

        Assert.Equal(0, sut.Material.Span[0]);
        Assert.Equal(32, sut.Material.Length);
    }

    [Fact]
    public void DeriveKey_KnownMaterial_IsHkdfSha256WithThePrefixedPurposeAsInfo()
    {
        var sut = new KeyEncryptionKey(new byte[32]);

        var derived = sut.DeriveKey("backup-data");

        // Computed independently (Python hmac): HKDF-SHA256(ikm = 32 zero bytes, salt = none, info = "astrobot-continuity/backup-data", 32).
        Assert.Equal("f41bf6cee432d105a5ffb158c993e06201947a62d7c1fef3993ff20a52b33e91", Convert.ToHexStringLower(derived));
    }

    [Fact]
    public void DeriveKey_DifferentPurposes_GiveDifferentKeys()
    {
        var sut = TestKeys.NewKek();

        Assert.NotEqual(sut.DeriveKey("a"), sut.DeriveKey("b"));
        Assert.Equal(sut.DeriveKey("a"), sut.DeriveKey("a"));
        Assert.Equal(32, sut.DeriveKey("a").Length);
    }

    [Fact]
    public void DeriveKey_EmptyPurpose_Throws()
    {
        var sut = TestKeys.NewKek();

        Assert.Throws<ArgumentException>(() => sut.DeriveKey(""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")] // 31 bytes
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g")] // 33 bytes
    public void TryParse_NotBase64Of32Bytes_ReturnsFalse(string? text)
    {
        Assert.False(KeyEncryptionKey.TryParse(text, out var key));
        Assert.Null(key);
    }

    [Fact]
    public void TryParse_Base64With32BytesAndTrailingNewline_ReadsTheKey()
    {
        Assert.True(KeyEncryptionKey.TryParse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\r\n", out var key));

        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), key.Material.ToArray());
        Assert.Equal("kek-630dcd2966c43366", key.Id);
    }

    [Fact]
    public void ToString_Always_ShowsOnlyTheId()
    {
        var sut = TestKeys.NewKek();

        Assert.Equal(sut.Id, sut.ToString());
    }
}

using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class CryptoOptionsTests
{
    private const string ThirtyOneBytes = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==";
    private const string ThirtyThreeBytes = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g";

    private static ValidateOptionsResult Validate(CryptoOptions options) =>
        new DataAnnotationValidateOptions<CryptoOptions>(name: null).Validate(name: null, options);

    [Fact]
    public void Validate_Defaults_SucceedsWithoutAnyKey()
    {
        var sut = new CryptoOptions();

        Assert.True(Validate(sut).Succeeded);
        Assert.Equal(
            (null, null, null, "backup-kek", "userkeys"),
            (sut.Kek, sut.KekFile, sut.KeyVaultUri, sut.KekSecretName, sut.UserKeyTableName));
        Assert.Empty(sut.RetiredKeks);
        Assert.Empty(sut.RetiredKekFiles);
    }

    [Fact]
    public void Validate_EveryKeyValid_Succeeds()
    {
        var sut = new CryptoOptions
        {
            Kek = TestKeys.NewBase64() + "\n",
            KekFile = "/keys/current.key",
            RetiredKeks = [TestKeys.NewBase64(), TestKeys.NewBase64()],
            RetiredKekFiles = ["/keys/old.key"],
            KeyVaultUri = "https://astrobot-kv.vault.azure.net/",
        };

        Assert.True(Validate(sut).Succeeded);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData(ThirtyOneBytes)]
    [InlineData(ThirtyThreeBytes)]
    public void Validate_KekNotBase64Of32Bytes_NamesTheSettingButNotTheValue(string kek)
    {
        var sut = new CryptoOptions { Kek = kek };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Crypto:Kek must be base64 of exactly 32 bytes", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(kek, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecondRetiredKekInvalid_NamesItsIndex()
    {
        var sut = new CryptoOptions { RetiredKeks = [TestKeys.NewBase64(), ThirtyOneBytes] };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Crypto:RetiredKeks:1 must be base64 of exactly 32 bytes", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("RetiredKeks:0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankRetiredKekFile_NamesItsIndex()
    {
        var sut = new CryptoOptions { RetiredKekFiles = ["/keys/old.key", " "] };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Crypto:RetiredKekFiles:1 must be a file path", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://astrobot-kv.vault.azure.net/")]
    [InlineData("astrobot-kv.vault.azure.net")]
    public void Validate_KeyVaultUriNotAbsoluteHttps_NamesTheSetting(string uri)
    {
        var sut = new CryptoOptions { KeyVaultUri = uri };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Crypto:KeyVaultUri must be an absolute https URL", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("1userkeys")]
    [InlineData("user-keys")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_InvalidTableName_NamesTheSetting(string name)
    {
        var sut = new CryptoOptions { UserKeyTableName = name };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Crypto:UserKeyTableName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("backup_kek")]
    public void Validate_InvalidSecretName_NamesTheSetting(string name)
    {
        var sut = new CryptoOptions { KekSecretName = name };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Crypto:KekSecretName", result.FailureMessage, StringComparison.Ordinal);
    }
}

using AstroBot.Continuity.Crypto;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using Moq;

namespace AstroBot.Continuity.Tests.Crypto;

/// <summary>Key Vault has no emulator: the SecretClient is mocked with the SDK's own model factory.</summary>
public sealed class KeyVaultKeyRingSourceTests
{
    private const string SecretName = "astrobot-kek";
    private static readonly Uri VaultUri = new("https://astrobot-kv.vault.azure.net/");
    private static readonly DateTimeOffset January = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Mock<SecretClient> client = new(MockBehavior.Strict);
    private readonly KeyVaultKeyRingSource sut;

    public KeyVaultKeyRingSourceTests()
    {
        client.Setup(c => c.VaultUri).Returns(VaultUri);
        sut = new KeyVaultKeyRingSource(client.Object, Options.Create(new CryptoOptions { KekSecretName = SecretName }));
    }

    [Fact]
    public async Task LoadAsync_SeveralEnabledVersions_NewestIsCurrentAndTheOthersRetired()
    {
        var oldest = TestKeys.NewBase64();
        var middle = TestKeys.NewBase64();
        var newest = TestKeys.NewBase64();
        Versions(
            Version("v-middle", January.AddMonths(3), enabled: true, middle),
            Version("v-newest", January.AddMonths(6), enabled: true, newest),
            Version("v-oldest", January, enabled: true, oldest));

        var ring = await sut.LoadAsync(CancellationToken.None);

        Assert.Equal(TestKeys.FromBase64(newest).Id, ring.Current.Id);
        Assert.Equal(
            [TestKeys.FromBase64(newest).Id, TestKeys.FromBase64(oldest).Id, TestKeys.FromBase64(middle).Id],
            ring.All.Select(k => k.Id));
    }

    [Fact]
    public async Task LoadAsync_NewestVersionDisabled_IsLeftOutAndNeverFetched()
    {
        var enabled = TestKeys.NewBase64();
        Versions(
            Version("v-enabled", January, enabled: true, enabled),
            Version("v-disabled", January.AddMonths(1), enabled: false, TestKeys.NewBase64()));

        var ring = await sut.LoadAsync(CancellationToken.None);

        Assert.Equal(TestKeys.FromBase64(enabled).Id, ring.Current.Id);
        Assert.Single(ring.All);
        client.Verify(c => c.GetSecretAsync(SecretName, "v-disabled", It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task LoadAsync_NoEnabledVersion_ThrowsNamingTheSecret()
    {
        Versions(Version("v1", January, enabled: false, TestKeys.NewBase64()));

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains($"The Key Vault secret '{SecretName}' in {VaultUri} has no enabled version", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_VersionNotAKey_ThrowsNamingTheVersionButNotTheValue()
    {
        const string Value = "bm90LWEta2V5";
        Versions(
            Version("v-good", January, enabled: true, TestKeys.NewBase64()),
            Version("v-bad", January.AddDays(1), enabled: true, Value));

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains($"Version v-bad of the Key Vault secret '{SecretName}' must be base64 of exactly 32 bytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "SecretNotFound", "has no secret")]
    [InlineData(403, "Forbidden", "needs the 'Key Vault Secrets User' role")]
    [InlineData(500, "InternalError", "could not read the secret")]
    public async Task LoadAsync_KeyVaultFails_ThrowsKeyRingExceptionExplainingIt(int status, string errorCode, string expected)
    {
        client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(SecretName, It.IsAny<CancellationToken>()))
            .Throws(new RequestFailedException(status, "failed", errorCode, innerException: null));

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"'{SecretName}'", failure.Message, StringComparison.Ordinal);
        Assert.IsType<RequestFailedException>(failure.InnerException);
    }

    private static (SecretProperties Properties, string Value) Version(string version, DateTimeOffset createdOn, bool enabled, string value)
    {
        var properties = SecretModelFactory.SecretProperties(
            id: new Uri(VaultUri, $"secrets/{SecretName}/{version}"),
            vaultUri: VaultUri,
            name: SecretName,
            version: version,
            createdOn: createdOn,
            updatedOn: createdOn);
        properties.Enabled = enabled;
        return (properties, value);
    }

    /// <summary>The secret's versions as Key Vault lists them (in no promised order), each fetchable by version.</summary>
    private void Versions(params (SecretProperties Properties, string Value)[] versions)
    {
        var page = Page<SecretProperties>.FromValues([.. versions.Select(v => v.Properties)], continuationToken: null, Mock.Of<Response>());
        client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(SecretName, It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<SecretProperties>.FromPages([page]));
        foreach (var (properties, value) in versions)
        {
            client.Setup(c => c.GetSecretAsync(SecretName, properties.Version, It.IsAny<CancellationToken>()))
                .ReturnsAsync(Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, value), Mock.Of<Response>()));
        }
    }
}

using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class CryptoServiceCollectionExtensionsTests
{
    [Fact]
    public void AddContinuityCrypto_NoKeyVault_UsesTheLocalSource()
    {
        using var services = Build(new() { ["Crypto:Kek"] = TestKeys.NewBase64() });

        Assert.IsType<LocalKeyRingSource>(services.GetRequiredService<IKeyRingSource>());
        Assert.Same(services.GetRequiredService<KeyRingProvider>(), services.GetRequiredService<KeyRingProvider>());
        Assert.Same(services.GetRequiredService<UserKeyStore>(), services.GetRequiredService<UserKeyStore>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddContinuityCrypto_KeyVaultUri_UsesTheKeyVaultSource()
    {
        using var services = Build(new()
        {
            ["Crypto:KeyVaultUri"] = "https://astrobot-kv.vault.azure.net/",
            ["Crypto:KekFile"] = "/ignored/when/key/vault/is/set.key",
        });

        Assert.IsType<KeyVaultKeyRingSource>(services.GetRequiredService<IKeyRingSource>());
    }

    [Fact]
    public async Task AddContinuityCrypto_SettingsFromConfiguration_FormTheKeyRing()
    {
        var current = TestKeys.NewBase64();
        var retired = TestKeys.NewBase64();
        using var services = Build(new() { ["Crypto:Kek"] = current, ["Crypto:RetiredKeks:0"] = retired });

        var ring = await services.GetRequiredService<KeyRingProvider>().GetAsync(CancellationToken.None);

        Assert.Equal([TestKeys.FromBase64(current).Id, TestKeys.FromBase64(retired).Id], ring.All.Select(k => k.Id));
    }

    [Fact]
    public void AddContinuityCrypto_NoSettings_AppliesTheDocumentedDefaults()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<CryptoOptions>>().Value;

        Assert.Equal(("backup-kek", "userkeys"), (options.KekSecretName, options.UserKeyTableName));
    }

    [Fact]
    public async Task AddContinuityCrypto_NoKeyConfigured_StartsButTheKeyRingSaysWhatToSet()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();
        var failure = await Assert.ThrowsAsync<KeyRingException>(
            () => services.GetRequiredService<KeyRingProvider>().GetAsync(CancellationToken.None));

        Assert.Equal(
            "No key-encryption key is configured: set Crypto:KekFile, Crypto:Kek or Crypto:KeyVaultUri (see docs/operations/backup-and-restore.md)",
            failure.Message);
    }

    [Fact]
    public void AddContinuityCrypto_InvalidKek_FailsStartupValidationNamingTheSetting()
    {
        const string ShortKey = "c2hvcnQta2V5";
        using var services = Build(new() { ["Crypto:Kek"] = ShortKey });

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Crypto:Kek must be base64 of exactly 32 bytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortKey, failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddContinuityCrypto(configuration)
            .BuildServiceProvider();
    }
}

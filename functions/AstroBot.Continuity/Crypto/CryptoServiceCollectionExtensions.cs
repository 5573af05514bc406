using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Crypto;

/// <summary>Registers the keyring and the per-user key store.</summary>
public static class CryptoServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="CryptoOptions"/> (section <c>Crypto</c>, checked at start) and registers the
    /// <see cref="IKeyRingSource"/> (Key Vault when <see cref="CryptoOptions.KeyVaultUri"/> is set, else local
    /// settings and files), <see cref="KeyRingProvider"/> and <see cref="UserKeyStore"/>. The store needs the
    /// <c>StorageClients</c> of <c>AddContinuityStorage</c>.
    /// </summary>
    public static IServiceCollection AddContinuityCrypto(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CryptoOptions>()
            .Bind(configuration.GetSection(CryptoOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKeyRingSource>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CryptoOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.KeyVaultUri)
                ? new LocalKeyRingSource(options)
                : new KeyVaultKeyRingSource(new SecretClient(new Uri(options.Value.KeyVaultUri), new DefaultAzureCredential()), options);
        });
        services.TryAddSingleton<KeyRingProvider>();
        services.TryAddSingleton<UserKeyStore>();
        return services;
    }
}

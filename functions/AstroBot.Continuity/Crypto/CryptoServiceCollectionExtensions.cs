using AstroBot.Continuity.Hosting;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Azure;
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
    /// <see cref="IKeyRingSource"/> (Key Vault, through the client of <c>AddContinuityAzureClients</c>, when
    /// <see cref="CryptoOptions.KeyVaultUri"/> is set, else local settings and files), <see cref="KeyRingProvider"/>
    /// and <see cref="UserKeyStore"/>. The store needs the
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
        services.AddContinuityAzureClients();
        services.TryAddSingleton<IKeyRingSource>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CryptoOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.KeyVaultUri)
                ? new LocalKeyRingSource(options)
                : new KeyVaultKeyRingSource(sp.GetRequiredService<IAzureClientFactory<SecretClient>>().CreateClient(AzureClientNames.KeyVault), options);
        });
        services.TryAddSingleton<KeyRingProvider>();
        services.TryAddSingleton<UserKeyStore>();
        return services;
    }
}

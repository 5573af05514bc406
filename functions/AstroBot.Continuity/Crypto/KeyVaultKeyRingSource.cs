using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// The keyring from Key Vault: every enabled version of the secret <see cref="CryptoOptions.KekSecretName"/>, the
/// newest one current. Rotating is adding a version; disabling a version drops it from the ring.
/// </summary>
public sealed class KeyVaultKeyRingSource(SecretClient client, IOptions<CryptoOptions> options) : IKeyRingSource
{
    public async Task<KeyRing> LoadAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.KekSecretName;
        try
        {
            var enabled = new List<SecretProperties>();
            await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken).ConfigureAwait(false))
            {
                if (version.Enabled == true)
                {
                    enabled.Add(version);
                }
            }

            if (enabled.Count == 0)
            {
                throw new KeyRingException(
                    $"The Key Vault secret '{name}' in {client.VaultUri} has no enabled version; add one holding base64 of 32 random bytes (Crypto:KekSecretName)");
            }

            // Oldest first, so the last one read is the newest: the current key.
            var keys = new List<KeyEncryptionKey>();
            foreach (var version in enabled.OrderBy(v => v.CreatedOn ?? DateTimeOffset.MinValue))
            {
                KeyVaultSecret secret = await client.GetSecretAsync(name, version.Version, cancellationToken).ConfigureAwait(false);
                keys.Add(KeyEncryptionKey.TryParse(secret.Value, out var key)
                    ? key
                    : throw new KeyRingException(
                        $"Version {version.Version} of the Key Vault secret '{name}' {CryptoOptions.NotAKeyMessage}; disable that version or replace it"));
            }

            return new KeyRing(keys[^1], keys[..^1]);
        }
        catch (RequestFailedException ex)
        {
            throw new KeyRingException(Explain(ex, name), ex);
        }
    }

    private string Explain(RequestFailedException ex, string name) => ex.Status switch
    {
        404 => $"Key Vault {client.VaultUri} has no secret '{name}' (Crypto:KekSecretName); create it with a value of base64 of 32 random bytes",
        401 or 403 => $"Key Vault {client.VaultUri} refused to read the secret '{name}' (HTTP {ex.Status} {ex.ErrorCode}); the app's identity needs the 'Key Vault Secrets User' role",
        _ => $"Key Vault {client.VaultUri} could not read the secret '{name}' (HTTP {ex.Status} {ex.ErrorCode})",
    };
}

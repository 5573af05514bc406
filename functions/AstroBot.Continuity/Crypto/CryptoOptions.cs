using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// Where the key-encryption keys come from and where per-user keys live: configuration section <c>Crypto</c>
/// (environment variables <c>Crypto__KekFile</c>, <c>Crypto__KeyVaultUri</c>, ...). Configuring no key at all is
/// valid so hosts that never back up still start; the first use of the keyring then fails with a clear message.
/// </summary>
public sealed class CryptoOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Crypto";

    /// <summary>The validation message tail for a key that does not decode to 32 bytes.</summary>
    internal const string NotAKeyMessage =
        "must be base64 of exactly 32 bytes (for example the output of: head -c 32 /dev/urandom | base64)";

    /// <summary>
    /// The current key-encryption key as base64 of 32 bytes (environment variable <c>Crypto__Kek</c>).
    /// Wins over <see cref="KekFile"/> when both are set. Default: none.
    /// </summary>
    public string? Kek { get; set; }

    /// <summary>
    /// Path of a file holding the current key-encryption key as base64 of 32 random bytes (a trailing newline is
    /// fine); <c>eng/emulators</c> creates <c>.local/keys/local-kek.key</c> in that format. Default: none.
    /// </summary>
    public string? KekFile { get; set; }

    /// <summary>
    /// Older key-encryption keys (base64 of 32 bytes each), kept so backups they protect stay readable after a
    /// rotation. Default: empty.
    /// </summary>
    public string[] RetiredKeks { get; set; } = [];

    /// <summary>Paths of files holding older key-encryption keys, in the format of <see cref="KekFile"/>. Default: empty.</summary>
    public string[] RetiredKekFiles { get; set; } = [];

    /// <summary>
    /// In Azure: the Key Vault (for example <c>https://my-vault.vault.azure.net/</c>) whose secret
    /// <see cref="KekSecretName"/> holds the keyring, reached with the managed identity. When set, the keyring comes
    /// only from there and <see cref="Kek"/>, <see cref="KekFile"/> and the retired settings are ignored. Default: none.
    /// </summary>
    public string? KeyVaultUri { get; set; }

    /// <summary>
    /// The Key Vault secret whose enabled versions form the keyring (each value base64 of 32 bytes); the newest
    /// enabled version is the current key, so rotating is adding a version. Default: <c>backup-kek</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Crypto:KekSecretName is required")]
    [RegularExpression("^[0-9A-Za-z-]{1,127}$", ErrorMessage = "Crypto:KekSecretName must be 1-127 letters, digits or dashes")]
    public string KekSecretName { get; set; } = "backup-kek";

    /// <summary>The Azure table holding each user's wrapped key. Default: <c>userkeys</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Crypto:UserKeyTableName is required")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Crypto:UserKeyTableName must be 3-63 letters or digits, starting with a letter")]
    public string UserKeyTableName { get; set; } = "userkeys";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Messages name the setting, never the value: it is a secret.
        if (!string.IsNullOrWhiteSpace(Kek) && !KeyEncryptionKey.TryParse(Kek, out _))
        {
            yield return new ValidationResult($"Crypto:Kek {NotAKeyMessage}", [nameof(Kek)]);
        }

        for (var i = 0; i < RetiredKeks.Length; i++)
        {
            if (!KeyEncryptionKey.TryParse(RetiredKeks[i], out _))
            {
                yield return new ValidationResult($"Crypto:RetiredKeks:{i} {NotAKeyMessage}", [nameof(RetiredKeks)]);
            }
        }

        for (var i = 0; i < RetiredKekFiles.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(RetiredKekFiles[i]))
            {
                yield return new ValidationResult($"Crypto:RetiredKekFiles:{i} must be a file path", [nameof(RetiredKekFiles)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(KeyVaultUri)
            && (!Uri.TryCreate(KeyVaultUri, UriKind.Absolute, out var vault) || vault.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                "Crypto:KeyVaultUri must be an absolute https URL such as https://my-vault.vault.azure.net/", [nameof(KeyVaultUri)]);
        }
    }
}

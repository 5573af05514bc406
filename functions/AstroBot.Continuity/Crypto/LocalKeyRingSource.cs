using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// The keyring from settings and key files: <see cref="CryptoOptions.Kek"/> (or else <see cref="CryptoOptions.KekFile"/>)
/// is current, <see cref="CryptoOptions.RetiredKeks"/> and <see cref="CryptoOptions.RetiredKekFiles"/> are retired.
/// </summary>
public sealed class LocalKeyRingSource(IOptions<CryptoOptions> options) : IKeyRingSource
{
    internal const string NoKeyMessage =
        "No key-encryption key is configured: set Crypto:KekFile, Crypto:Kek or Crypto:KeyVaultUri (see docs/operations/backup-and-restore.md)";

    public async Task<KeyRing> LoadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        KeyEncryptionKey current;
        if (!string.IsNullOrWhiteSpace(settings.Kek))
        {
            current = FromSetting(settings.Kek, "Crypto:Kek");
        }
        else if (!string.IsNullOrWhiteSpace(settings.KekFile))
        {
            current = await FromFileAsync(settings.KekFile, "Crypto:KekFile", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new KeyRingException(NoKeyMessage);
        }

        var retired = new List<KeyEncryptionKey>();
        for (var i = 0; i < settings.RetiredKeks.Length; i++)
        {
            retired.Add(FromSetting(settings.RetiredKeks[i], $"Crypto:RetiredKeks:{i}"));
        }

        for (var i = 0; i < settings.RetiredKekFiles.Length; i++)
        {
            retired.Add(await FromFileAsync(settings.RetiredKekFiles[i], $"Crypto:RetiredKekFiles:{i}", cancellationToken).ConfigureAwait(false));
        }

        return new KeyRing(current, retired);
    }

    // Options validation catches bad values at start; this repeats it for sources built without validation.
    private static KeyEncryptionKey FromSetting(string value, string setting) =>
        KeyEncryptionKey.TryParse(value, out var key)
            ? key
            : throw new KeyRingException($"{setting} {CryptoOptions.NotAKeyMessage}");

    private static async Task<KeyEncryptionKey> FromFileAsync(string path, string setting, CancellationToken cancellationToken)
    {
        var shown = Describe(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyRingException(
                $"The key-encryption key file {shown} ({setting}) does not exist; locally, eng/emulators up creates .local/keys/local-kek.key",
                ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new KeyRingException($"The key-encryption key file {shown} ({setting}) could not be read: {ex.Message}", ex);
        }

        return KeyEncryptionKey.TryParse(text, out var key)
            ? key
            : throw new KeyRingException($"The key-encryption key file {shown} ({setting}) {CryptoOptions.NotAKeyMessage}");
    }

    // A relative path resolves against the working directory, which differs between hosts: show both.
    private static string Describe(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            return full == path ? $"'{path}'" : $"'{path}' (resolved to '{full}')";
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}'";
        }
    }
}

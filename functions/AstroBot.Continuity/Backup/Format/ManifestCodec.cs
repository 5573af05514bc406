using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// Writes and reads the manifest file: <c>{"manifest": {...}, "mac": {"algorithm", "kek_id", "value"}}</c>, where
/// the MAC is HMAC-SHA256 over the exact bytes of the <c>manifest</c> value, keyed by a key derived from the
/// key-encryption key. Backup storage alone can therefore neither forge nor alter a manifest.
/// </summary>
public static class ManifestCodec
{
    private const string MacPurpose = "backup-manifest";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static byte[] Write(BackupManifest manifest, KeyEncryptionKey kek)
    {
        ArgumentNullException.ThrowIfNull(kek);
        var body = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        var mac = HMACSHA256.HashData(kek.DeriveKey(MacPurpose), body);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("manifest");
            writer.WriteRawValue(body, skipInputValidation: true);
            writer.WriteStartObject("mac");
            writer.WriteString("algorithm", "HMAC-SHA256");
            writer.WriteString("kek_id", kek.Id);
            writer.WriteString("value", Convert.ToHexStringLower(mac));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads a manifest and checks its MAC.</summary>
    /// <exception cref="BackupIntegrityException">Not a manifest, altered, or of an unknown format version.</exception>
    /// <exception cref="KeyRingException">The key-encryption key that signed it is not in the keyring.</exception>
    public static BackupManifest Read(ReadOnlySpan<byte> file, KeyRing keyRing, string backupId)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        try
        {
            var reader = new Utf8JsonReader(file);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var body = Encoding.UTF8.GetBytes(root.GetProperty("manifest").GetRawText());
            var mac = root.GetProperty("mac");
            var kek = keyRing.Get(mac.GetProperty("kek_id").GetString() ?? string.Empty);
            var expected = HMACSHA256.HashData(kek.DeriveKey(MacPurpose), body);
            var actual = Convert.FromHexString(mac.GetProperty("value").GetString() ?? string.Empty);
            if (!CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                throw new BackupIntegrityException(backupId, "the manifest does not authenticate: it was altered or signed with another key");
            }

            var manifest = JsonSerializer.Deserialize<BackupManifest>(body, Json)
                ?? throw new BackupIntegrityException(backupId, "the manifest is empty");
            if (manifest.FormatVersion is < BackupManifest.OldestReadableFormatVersion or > BackupManifest.CurrentFormatVersion)
            {
                throw new BackupIntegrityException(
                    backupId,
                    $"the manifest has format version {manifest.FormatVersion}; this version reads {BackupManifest.OldestReadableFormatVersion} to {BackupManifest.CurrentFormatVersion}");
            }

            if (manifest.BackupId != backupId)
            {
                throw new BackupIntegrityException(backupId, $"the manifest belongs to backup {manifest.BackupId}");
            }

            return manifest;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new BackupIntegrityException(backupId, "the manifest is not a valid manifest file", exception);
        }
    }
}

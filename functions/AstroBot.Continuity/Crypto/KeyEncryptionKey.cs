using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// A 32-byte key-encryption key (KEK): it only ever wraps other keys and never sits in backup storage.
/// </summary>
public sealed class KeyEncryptionKey
{
    /// <summary>The size of the key material in bytes (AES-256).</summary>
    internal const int Size = 32;

    private const string DerivationPrefix = "astrobot-continuity/";

    // Wrapping keys under a subkey keeps AES-GCM use of the KEK apart from every DeriveKey purpose.
    private const string WrappingPurpose = "key-wrapping";

    private readonly byte[] material;

    /// <exception cref="ArgumentException">The material is not exactly 32 bytes.</exception>
    public KeyEncryptionKey(ReadOnlySpan<byte> material)
    {
        if (material.Length != Size)
        {
            throw new ArgumentException($"A key-encryption key must be {Size} bytes; got {material.Length}.", nameof(material));
        }

        this.material = material.ToArray();
        Id = "kek-" + Convert.ToHexStringLower(SHA256.HashData(this.material))[..16];
        WrappingKey = DeriveKey(WrappingPurpose);
    }

    /// <summary>
    /// "kek-" and the first 16 hex digits of the material's SHA-256: a fingerprint, so the same key has the same
    /// id whether it came from a file, an environment variable or Key Vault.
    /// </summary>
    public string Id { get; }

    /// <summary>The 32 bytes of the key.</summary>
    public ReadOnlyMemory<byte> Material => material;

    /// <summary>The AES-256 key that <see cref="KeyWrapping"/> seals under.</summary>
    internal byte[] WrappingKey { get; }

    /// <summary>
    /// A 32-byte subkey for one <paramref name="purpose"/>: HKDF-SHA256 with info "astrobot-continuity/" + purpose,
    /// so keys for different purposes are independent.
    /// </summary>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, material, Size, salt: [], Encoding.UTF8.GetBytes(DerivationPrefix + purpose));
    }

    /// <summary>Reads a KEK written as base64 of 32 bytes; surrounding whitespace (a file's newline) is ignored.</summary>
    internal static bool TryParse(string? base64, [NotNullWhen(true)] out KeyEncryptionKey? key)
    {
        key = null;
        var buffer = new byte[Size + 1];
        if (string.IsNullOrWhiteSpace(base64)
            || !Convert.TryFromBase64String(base64.Trim(), buffer, out var written)
            || written != Size)
        {
            return false;
        }

        key = new KeyEncryptionKey(buffer.AsSpan(0, Size));
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }

    public override string ToString() => Id;
}

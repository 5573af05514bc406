using System.Security.Cryptography;
using System.Text;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// Seals keys under a key-encryption key. The associated data is purpose|kekId, so a wrapped key only opens for
/// the purpose it was made for and a tampered key id fails instead of being tried against the wrong key.
/// </summary>
public static class KeyWrapping
{
    /// <summary>Seals <paramref name="key"/> under <paramref name="kek"/> for one <paramref name="purpose"/>.</summary>
    public static WrappedKey Wrap(KeyEncryptionKey kek, ReadOnlySpan<byte> key, string purpose)
    {
        ArgumentNullException.ThrowIfNull(kek);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (key.IsEmpty)
        {
            throw new ArgumentException("There is no key to wrap.", nameof(key));
        }

        return new WrappedKey(kek.Id, Aead.Seal(kek.WrappingKey, key, AssociatedData(purpose, kek.Id)));
    }

    /// <summary>The key inside <paramref name="wrapped"/>, which must have been wrapped for <paramref name="purpose"/>.</summary>
    /// <exception cref="KeyRingException">The key-encryption key that wrapped it is not in <paramref name="ring"/>.</exception>
    /// <exception cref="DecryptionFailedException">It does not authenticate: altered, or wrapped for another purpose.</exception>
    public static byte[] Unwrap(KeyRing ring, WrappedKey wrapped, string purpose)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var kek = ring.Get(wrapped.KekId);
        return Aead.Open(kek.WrappingKey, wrapped.Ciphertext, AssociatedData(purpose, kek.Id));
    }

    /// <summary>A fresh random 32-byte key, for AES-256-GCM.</summary>
    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(Aead.KeySize);

    private static byte[] AssociatedData(string purpose, string kekId) => Encoding.UTF8.GetBytes(purpose + "|" + kekId);
}

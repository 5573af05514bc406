using System.Security.Cryptography;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// Authenticated encryption, AES-256-GCM: sealed data is nonce (12 bytes) || ciphertext || tag (16 bytes).
/// The nonce is random, which is safe for up to 2^32 seals per key; every key here seals far fewer.
/// </summary>
public static class Aead
{
    /// <summary>The bytes sealing adds: nonce and tag.</summary>
    public const int Overhead = NonceSize + TagSize;

    internal const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>The length of what <see cref="Seal"/> returns for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public static int SealedLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return checked(plaintextLength + Overhead);
    }

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>, and authenticates <paramref name="associatedData"/>.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        RequireKeySize(key);
        var sealedData = new byte[SealedLength(plaintext.Length)];
        var nonce = sealedData.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(
            nonce,
            plaintext,
            sealedData.AsSpan(NonceSize, plaintext.Length),
            sealedData.AsSpan(NonceSize + plaintext.Length, TagSize),
            associatedData);
        return sealedData;
    }

    /// <summary>The plaintext of <paramref name="sealedData"/>, once it authenticates with the same associated data.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    /// <exception cref="DecryptionFailedException">Wrong key, wrong associated data, or altered or truncated data.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData)
    {
        RequireKeySize(key);
        if (sealedData.Length < Overhead)
        {
            throw new DecryptionFailedException();
        }

        var plaintext = new byte[sealedData.Length - Overhead];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(
                sealedData[..NonceSize],
                sealedData.Slice(NonceSize, plaintext.Length),
                sealedData[^TagSize..],
                plaintext,
                associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new DecryptionFailedException(DecryptionFailedException.DefaultMessage, ex);
        }

        return plaintext;
    }

    private static void RequireKeySize(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"An AES-256-GCM key must be {KeySize} bytes; got {key.Length}.", nameof(key));
        }
    }
}

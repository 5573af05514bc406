using System.Security.Cryptography;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class AeadTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Plaintext = "a reading for Aries"u8.ToArray();
    private static readonly byte[] Context = "backup/2027-01-11"u8.ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    public void Seal_ThenOpen_RoundTrips(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var sealedData = Aead.Seal(Key, plaintext, Context);

        Assert.Equal(plaintext, Aead.Open(Key, sealedData, Context));
        Assert.Equal(length + 28, sealedData.Length);
        Assert.Equal(sealedData.Length, Aead.SealedLength(length));
    }

    [Fact]
    public void Seal_Always_WritesNonceThenCiphertextThenTag()
    {
        var sealedData = Aead.Seal(Key, Plaintext, Context);

        // Open it with AesGcm directly from the documented layout.
        var plaintext = new byte[Plaintext.Length];
        using var aes = new AesGcm(Key, 16);
        aes.Decrypt(sealedData.AsSpan(0, 12), sealedData.AsSpan(12, Plaintext.Length), sealedData.AsSpan(12 + Plaintext.Length), plaintext, Context);
        Assert.Equal(Plaintext, plaintext);
        Assert.Equal(28, Aead.Overhead);
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesAFreshNonce()
    {
        var first = Aead.Seal(Key, Plaintext, Context);
        var second = Aead.Seal(Key, Plaintext, Context);

        Assert.NotEqual(first[..12], second[..12]);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(12)] // ciphertext
    [InlineData(-1)] // tag
    public void Open_AnyByteAltered_ThrowsDecryptionFailed(int position)
    {
        var sealedData = Aead.Seal(Key, Plaintext, Context);
        sealedData[position < 0 ? sealedData.Length + position : position] ^= 0x01;

        var failure = Assert.Throws<DecryptionFailedException>(() => Aead.Open(Key, sealedData, Context));

        Assert.Equal("The data could not be decrypted: wrong key or the data was altered", failure.Message);
    }

    [Fact]
    public void Open_OtherAssociatedData_ThrowsDecryptionFailed()
    {
        var sealedData = Aead.Seal(Key, Plaintext, Context);

        Assert.Throws<DecryptionFailedException>(() => Aead.Open(Key, sealedData, "backup/2027-01-12"u8));
    }

    [Fact]
    public void Open_WrongKey_ThrowsDecryptionFailed()
    {
        var sealedData = Aead.Seal(Key, Plaintext, Context);

        Assert.Throws<DecryptionFailedException>(() => Aead.Open(RandomNumberGenerator.GetBytes(32), sealedData, Context));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public void Open_ShorterThanOverhead_ThrowsDecryptionFailed(int length)
    {
        var failure = Assert.Throws<DecryptionFailedException>(() => Aead.Open(Key, new byte[length], Context));

        Assert.Equal("The data could not be decrypted: wrong key or the data was altered", failure.Message);
    }

    [Fact]
    public void Open_TruncatedByOneByte_ThrowsDecryptionFailed()
    {
        var sealedData = Aead.Seal(Key, Plaintext, Context);

        Assert.Throws<DecryptionFailedException>(() => Aead.Open(Key, sealedData[..^1], Context));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(33)]
    public void Seal_KeyNot32Bytes_ThrowsArgumentException(int size)
    {
        var failure = Assert.Throws<ArgumentException>(() => Aead.Seal(new byte[size], Plaintext, Context));

        Assert.Equal("key", failure.ParamName);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    public void Open_KeyNot32Bytes_ThrowsArgumentException(int size)
    {
        var sealedData = Aead.Seal(Key, Plaintext, Context);

        var failure = Assert.Throws<ArgumentException>(() => Aead.Open(new byte[size], sealedData, Context));

        Assert.Equal("key", failure.ParamName);
    }

    [Fact]
    public void SealedLength_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Aead.SealedLength(-1));
    }
}

using System.Text;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class KeyWrappingTests
{
    private const string Purpose = "backup-data";

    [Fact]
    public void Wrap_ThenUnwrap_RoundTrips()
    {
        var kek = TestKeys.NewKek();
        var dataKey = KeyWrapping.NewDataKey();

        var wrapped = KeyWrapping.Wrap(kek, dataKey, Purpose);

        Assert.Equal(kek.Id, wrapped.KekId);
        Assert.Equal(dataKey, KeyWrapping.Unwrap(new KeyRing(kek), wrapped, Purpose));
        Assert.DoesNotContain(Convert.ToHexString(dataKey), Convert.ToHexString(wrapped.Ciphertext), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrap_Always_AuthenticatesPurposeAndKekIdAsAssociatedData()
    {
        var kek = TestKeys.NewKek();
        var dataKey = KeyWrapping.NewDataKey();

        var wrapped = KeyWrapping.Wrap(kek, dataKey, Purpose);

        Assert.Equal(dataKey, Aead.Open(kek.WrappingKey, wrapped.Ciphertext, Encoding.UTF8.GetBytes($"{Purpose}|{kek.Id}")));
    }

    [Fact]
    public void Unwrap_OtherPurpose_ThrowsDecryptionFailed()
    {
        var kek = TestKeys.NewKek();
        var wrapped = KeyWrapping.Wrap(kek, KeyWrapping.NewDataKey(), Purpose);

        Assert.Throws<DecryptionFailedException>(() => KeyWrapping.Unwrap(new KeyRing(kek), wrapped, "user-key"));
    }

    [Fact]
    public void Unwrap_TamperedCiphertext_ThrowsDecryptionFailed()
    {
        var kek = TestKeys.NewKek();
        var wrapped = KeyWrapping.Wrap(kek, KeyWrapping.NewDataKey(), Purpose);
        wrapped.Ciphertext[20] ^= 0x80;

        Assert.Throws<DecryptionFailedException>(() => KeyWrapping.Unwrap(new KeyRing(kek), wrapped, Purpose));
    }

    [Fact]
    public void Unwrap_KekIdSwappedForAnotherKeyInTheRing_ThrowsDecryptionFailed()
    {
        var current = TestKeys.NewKek();
        var other = TestKeys.NewKek();
        var wrapped = KeyWrapping.Wrap(current, KeyWrapping.NewDataKey(), Purpose);

        Assert.Throws<DecryptionFailedException>(
            () => KeyWrapping.Unwrap(new KeyRing(current, other), wrapped with { KekId = other.Id }, Purpose));
    }

    [Fact]
    public void Unwrap_WrappedUnderARetiredKek_Unwraps()
    {
        var old = TestKeys.NewKek();
        var dataKey = KeyWrapping.NewDataKey();
        var wrapped = KeyWrapping.Wrap(old, dataKey, Purpose);
        var rotated = new KeyRing(TestKeys.NewKek(), old);

        Assert.Equal(dataKey, KeyWrapping.Unwrap(rotated, wrapped, Purpose));
    }

    [Fact]
    public void Unwrap_KekNotInTheRing_ThrowsKeyRingExceptionNamingTheId()
    {
        var old = TestKeys.NewKek();
        var wrapped = KeyWrapping.Wrap(old, KeyWrapping.NewDataKey(), Purpose);
        var rotatedWithoutOld = new KeyRing(TestKeys.NewKek());

        var failure = Assert.Throws<KeyRingException>(() => KeyWrapping.Unwrap(rotatedWithoutOld, wrapped, Purpose));

        Assert.Contains($"'{old.Id}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrap_EmptyKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => KeyWrapping.Wrap(TestKeys.NewKek(), [], Purpose));
    }

    [Fact]
    public void NewDataKey_TwoCalls_GiveDifferent32ByteKeys()
    {
        var first = KeyWrapping.NewDataKey();
        var second = KeyWrapping.NewDataKey();

        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }
}

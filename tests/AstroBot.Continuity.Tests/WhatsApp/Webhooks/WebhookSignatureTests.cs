using System.Text;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.WhatsApp.Webhooks;

public class WebhookSignatureTests
{
    private const string Secret = "test-app-secret";

    // Meta escapes non-ASCII, but a body may still carry raw UTF-8; either way the raw bytes are signed.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[],"note":"caf\u00e9 ☉"}""");

    // Computed independently: printf '%s' "$body" | openssl dgst -sha256 -hmac test-app-secret
    private const string KnownBody = """{"a":1}""";
    private const string KnownSignature = "sha256=a9076adb7408d26443ef1902aaae098b7ab6b934eddfa6fc1338cd0153ddda4d";

    private readonly WebhookSignature sut = new(Secret);

    [Fact]
    public void IsValid_OwnSignature_True()
    {
        Assert.True(sut.IsValid(Body, sut.Sign(Body)));
    }

    [Fact]
    public void Sign_KnownBody_MatchesOpenSslHmac()
    {
        Assert.Equal(KnownSignature, sut.Sign(Encoding.UTF8.GetBytes(KnownBody)));
    }

    [Fact]
    public void IsValid_UpperCaseHex_True()
    {
        var header = "sha256=" + sut.Sign(Body)["sha256=".Length..].ToUpperInvariant();

        Assert.True(sut.IsValid(Body, header));
    }

    [Fact]
    public void IsValid_SignedWithOtherSecret_False()
    {
        var other = new WebhookSignature("another-secret");

        Assert.False(sut.IsValid(Body, other.Sign(Body)));
    }

    [Fact]
    public void IsValid_BodyAlteredByOneByte_False()
    {
        var header = sut.Sign(Body);
        var altered = (byte[])Body.Clone();
        altered[^2] ^= 0x01;

        Assert.False(sut.IsValid(altered, header));
    }

    [Fact]
    public void IsValid_NonAsciiBodyReserialised_False()
    {
        // Signed over the escaped form Meta sends; the decoded form is different bytes.
        var escaped = Encoding.UTF8.GetBytes("""{"name":"Ren\u00e9e"}""");
        var decoded = Encoding.UTF8.GetBytes("""{"name":"Renée"}""");

        Assert.True(sut.IsValid(escaped, sut.Sign(escaped)));
        Assert.False(sut.IsValid(decoded, sut.Sign(escaped)));
    }

    [Fact]
    public void IsValid_MissingHeader_False()
    {
        Assert.False(sut.IsValid(Body, null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256=0123456789abcdef")]
    [InlineData("sha256=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00")]
    [InlineData(" sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void IsValid_MalformedHeader_False(string header)
    {
        Assert.False(sut.IsValid(Body, header));
    }

    [Fact]
    public void Sign_Always_LowerCaseHexWithPrefix()
    {
        var header = sut.Sign(Body);

        Assert.Matches("^sha256=[0-9a-f]{64}$", header);
    }
}

using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class OutboundMessageTests
{
    private const string WaId = "16315551181";

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void TextMessage_BodyWithinLimit_Created(int length)
    {
        var sut = new TextMessage(MessageRecipient.ToPhone(WaId), new string('a', length));

        Assert.Equal(length, sut.Body.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void TextMessage_BodyEmptyOrTooLong_Throws(int length)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TextMessage(MessageRecipient.ToPhone(WaId), new string('a', length)));
    }

    [Fact]
    public void TextMessage_WithTooLongBody_Throws()
    {
        var sut = new TextMessage(MessageRecipient.ToPhone(WaId), "ok");

        Assert.ThrowsAny<ArgumentException>(() => sut with { Body = new string('a', 4097) });
    }

    [Fact]
    public void TextMessage_EmptyRecipient_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => MessageRecipient.ToPhone(" "));
    }

    [Theory]
    [InlineData("https://example.blob.core.windows.net/exports/a.zip")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/exports/a.zip")]
    [InlineData("http://localhost:10000/devstoreaccount1/exports/a.zip")]
    [InlineData("http://[::1]:10000/devstoreaccount1/exports/a.zip")]
    public void DocumentMessage_HttpsOrLoopbackHttpLink_Created(string link)
    {
        var sut = new DocumentMessage(MessageRecipient.ToPhone(WaId), new Uri(link), "a.zip", null);

        Assert.Equal(new Uri(link), sut.Link);
    }

    [Theory]
    [InlineData("http://example.com/a.zip")]
    [InlineData("ftp://127.0.0.1/a.zip")]
    [InlineData("file:///tmp/a.zip")]
    public void DocumentMessage_OtherLink_Throws(string link)
    {
        Assert.Throws<ArgumentException>(() => new DocumentMessage(MessageRecipient.ToPhone(WaId), new Uri(link), "a.zip", null));
    }

    [Fact]
    public void DocumentMessage_RelativeLink_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DocumentMessage(MessageRecipient.ToPhone(WaId), new Uri("/exports/a.zip", UriKind.Relative), "a.zip", null));
    }

    [Fact]
    public void DocumentMessage_EmptyFileName_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new DocumentMessage(MessageRecipient.ToPhone(WaId), new Uri("https://example.com/a.zip"), "", null));
    }

    [Fact]
    public void TextMessage_ToBsuid_KeepsTheRecipient()
    {
        var sut = new TextMessage(MessageRecipient.ToBsuid("US.13491208655302741918"), "hi");

        Assert.Equal(("US.13491208655302741918", (string?)null), (sut.To.Bsuid, sut.To.Phone));
    }

    [Fact]
    public void TextMessage_NullRecipient_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TextMessage(null!, "hi"));
    }

    [Fact]
    public void TemplateMessage_WithNullRecipient_Throws()
    {
        var sut = new TemplateMessage(MessageRecipient.ToBsuid("US.13491208655302741918"), "astrobot_reconnect", "en");

        Assert.Throws<ArgumentNullException>(() => sut with { To = null! });
    }

    [Fact]
    public void TemplateMessage_EmptyName_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new TemplateMessage(MessageRecipient.ToPhone(WaId), "", "en"));
    }
}

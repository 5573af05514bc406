using System.Text;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public sealed class OutboundMessageJsonReaderTests
{
    private const string WaId = "16315551181";

    public static TheoryData<OutboundMessage> Messages => new()
    {
        new TextMessage(MessageRecipient.ToPhone(WaId), "Your reading ✨ \"quoted\"\nnext line", PreviewUrl: true),
        new TextMessage(MessageRecipient.ToBsuid("US.13491208655302741918"), "hi"),
        new DocumentMessage(MessageRecipient.ToPhone(WaId), new Uri("https://example.blob.core.windows.net/exports/a.zip?sig=x%2F"), "export.zip", "Your data"),
        new DocumentMessage(MessageRecipient.ToPhone(WaId), new Uri("https://example.blob.core.windows.net/exports/a.zip"), "export.zip", null),
        new TemplateMessage(MessageRecipient.ToPhone(WaId), "astrobot_reconnect", "en"),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Read_WhatTheWriterWrote_IsTheSameMessage(OutboundMessage message)
    {
        var sut = OutboundMessageJsonReader.Read(OutboundMessageJson.Serialize(message));

        Assert.Equal(message, sut);
    }

    [Fact]
    public void Read_TemplateWithParameters_KeepsThemInOrder()
    {
        var message = new TemplateMessage(MessageRecipient.ToPhone(WaId), "notice", "es", ["uno", "dos"]);

        var sut = Assert.IsType<TemplateMessage>(OutboundMessageJsonReader.Read(OutboundMessageJson.Serialize(message)));

        Assert.Equal(["uno", "dos"], sut.BodyParameters);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"text\",\"text\":{\"body\":\"secret words\"}}")]
    [InlineData("{\"to\":\"16315551181\",\"type\":\"sticker\"}")]
    [InlineData("{\"to\":\"16315551181\",\"type\":\"text\",\"text\":{\"body\":\"\"}}")]
    [InlineData("{\"to\":\"16315551181\",\"type\":\"document\",\"document\":{\"link\":\"ftp://example.com/a\",\"filename\":\"a.zip\"}}")]
    [InlineData("{\"to\":\"16315551181\",\"type\":\"template\",\"template\":{\"name\":\"x\"}}")]
    public void Read_NotAMessageTheWriterWrites_ThrowsInvalidDataWithoutQuotingIt(string json)
    {
        var failure = Assert.Throws<InvalidDataException>(() => OutboundMessageJsonReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WaId, failure.Message, StringComparison.Ordinal);
    }
}

using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class ReplySenderTests
{
    private const string WaId = "16315551181";
    private static readonly Uri Link = new("https://example.blob.core.windows.net/exports/a1b2.zip?sig=x");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IGraphApiClient> graph = new();
    private readonly List<OutboundMessage> sent = [];
    private readonly ReplySender sut;

    public ReplySenderTests()
    {
        graph.Setup(g => g.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .Callback<OutboundMessage, CancellationToken>((message, _) => sent.Add(message))
            .ReturnsAsync(new SendReceipt("wamid.1"));
        var options = Options.Create(new WhatsAppOptions { ReconnectTemplateName = "astrobot_reconnect_v2", ReconnectTemplateLanguage = "es" });
        sut = new ReplySender(graph.Object, options, time);
    }

    [Fact]
    public async Task SendTextAsync_InsideWindow_SendsText()
    {
        var receipt = await sut.SendTextAsync(WaId, "Your reading", time.GetUtcNow().AddHours(-23), CancellationToken.None);

        Assert.Equal(new TextMessage(WaId, "Your reading"), Assert.Single(sent));
        Assert.Equal("wamid.1", receipt.Wamid);
    }

    [Fact]
    public async Task SendTextAsync_OutsideWindow_SendsReconnectTemplate()
    {
        var lastInbound = time.GetUtcNow();
        time.Advance(TimeSpan.FromHours(24));

        await sut.SendTextAsync(WaId, "Your reading", lastInbound, CancellationToken.None);

        Assert.Equal(new TemplateMessage(WaId, "astrobot_reconnect_v2", "es"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendTextAsync_NoInboundKnown_SendsReconnectTemplate()
    {
        await sut.SendTextAsync(WaId, "Your reading", null, CancellationToken.None);

        Assert.IsType<TemplateMessage>(Assert.Single(sent));
    }

    [Fact]
    public async Task SendDocumentAsync_InsideWindow_SendsDocument()
    {
        await sut.SendDocumentAsync(WaId, Link, "export.zip", "Your data", time.GetUtcNow().AddMinutes(-5), CancellationToken.None);

        Assert.Equal(new DocumentMessage(WaId, Link, "export.zip", "Your data"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendDocumentAsync_OutsideWindow_SendsReconnectTemplate()
    {
        await sut.SendDocumentAsync(WaId, Link, "export.zip", null, time.GetUtcNow().AddDays(-2), CancellationToken.None);

        Assert.Equal(new TemplateMessage(WaId, "astrobot_reconnect_v2", "es"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendTextAsync_PassesCancellationToken()
    {
        using var cancellation = new CancellationTokenSource();

        await sut.SendTextAsync(WaId, "hi", time.GetUtcNow(), cancellation.Token);

        graph.Verify(g => g.SendAsync(It.IsAny<OutboundMessage>(), cancellation.Token), Times.Once);
    }
}

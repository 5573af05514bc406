using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public sealed class ReplySenderTests : IAsyncLifetime
{
    private const string WaId = "16315551181";
    private const string Bsuid = "US.13491208655302741918";
    private const int BsuidRefusedEventId = ContinuityEventId.GraphBsuidRecipientRefused;
    private static readonly MessageRecipient Recipient = MessageRecipient.ToPhone(WaId);
    private static readonly MessageRecipient BsuidRecipient = MessageRecipient.ToBsuid(Bsuid);
    private static readonly Uri Link = new("https://example.blob.core.windows.net/exports/a1b2.zip?sig=x");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IGraphApiClient> graph = new();
    private readonly List<OutboundMessage> sent = [];
    private readonly RecordingLogger<ReplySender> logger = new();
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly OutboxOptions outboxOptions = new() { TableName = EmulatorEndpoints.UniqueName("replyoutbox") };
    private readonly ReplyOutbox outbox;
    private readonly ReplySender sut;

    public ReplySenderTests()
    {
        graph.Setup(g => g.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .Callback<OutboundMessage, CancellationToken>((message, _) => sent.Add(message))
            .ReturnsAsync(new SendReceipt("wamid.1"));
        var options = Options.Create(new WhatsAppOptions { ReconnectTemplateName = "astrobot_reconnect_v2", ReconnectTemplateLanguage = "es" });
        outbox = new ReplyOutbox(storage, Options.Create(outboxOptions), time);
        sut = new ReplySender(graph.Object, outbox, options, time, logger);
    }

    public Task InitializeAsync() => outbox.EnsureCreatedAsync(CancellationToken.None);

    public Task DisposeAsync() => storage.Tables.DeleteTableAsync(outboxOptions.TableName);

    [Fact]
    public async Task SendTextAsync_InsideWindow_SendsText()
    {
        var receipt = await sut.SendTextAsync(WaId, Recipient, "Your reading", time.GetUtcNow().AddHours(-23), CancellationToken.None);

        Assert.Equal(new TextMessage(MessageRecipient.ToPhone(WaId), "Your reading"), Assert.Single(sent));
        Assert.Equal(ReplyOutcome.Sent(new SendReceipt("wamid.1")), receipt);
    }

    [Fact]
    public async Task SendTextAsync_OutsideWindow_SendsReconnectTemplate()
    {
        var lastInbound = time.GetUtcNow();
        time.Advance(TimeSpan.FromHours(24));

        await sut.SendTextAsync(WaId, Recipient, "Your reading", lastInbound, CancellationToken.None);

        Assert.Equal(new TemplateMessage(MessageRecipient.ToPhone(WaId), "astrobot_reconnect_v2", "es"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendTextAsync_NoInboundKnown_SendsReconnectTemplate()
    {
        await sut.SendTextAsync(WaId, Recipient, "Your reading", null, CancellationToken.None);

        Assert.IsType<TemplateMessage>(Assert.Single(sent));
    }

    [Fact]
    public async Task SendDocumentAsync_InsideWindow_SendsDocument()
    {
        await sut.SendDocumentAsync(WaId, Recipient, Link, "export.zip", "Your data", time.GetUtcNow().AddMinutes(-5), CancellationToken.None);

        Assert.Equal(new DocumentMessage(MessageRecipient.ToPhone(WaId), Link, "export.zip", "Your data"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendDocumentAsync_OutsideWindow_SendsReconnectTemplate()
    {
        await sut.SendDocumentAsync(WaId, Recipient, Link, "export.zip", null, time.GetUtcNow().AddDays(-2), CancellationToken.None);

        Assert.Equal(new TemplateMessage(MessageRecipient.ToPhone(WaId), "astrobot_reconnect_v2", "es"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendTextAsync_PassesCancellationToken()
    {
        using var cancellation = new CancellationTokenSource();

        await sut.SendTextAsync(WaId, Recipient, "hi", time.GetUtcNow(), cancellation.Token);

        graph.Verify(g => g.SendAsync(It.IsAny<OutboundMessage>(), cancellation.Token), Times.Once);
    }

    [Fact]
    public async Task SendTextAsync_InsideWindowToBsuid_SendsTextToTheBsuid()
    {
        await sut.SendTextAsync(WaId, BsuidRecipient, "Your reading", time.GetUtcNow().AddHours(-1), CancellationToken.None);

        Assert.Equal(new TextMessage(MessageRecipient.ToBsuid(Bsuid), "Your reading"), Assert.Single(sent));
    }

    [Fact]
    public async Task SendTextAsync_TemplateToBsuidRefused131062_ReturnsNullAndLogs1003()
    {
        FailSends(ReplySender.BsuidRecipientNotSupported);

        var receipt = await sut.SendTextAsync(WaId, BsuidRecipient, "Your reading", lastInboundAt: null, CancellationToken.None);

        Assert.Equal(ReplyOutcome.Unreachable, receipt);
        Assert.Equal(new TemplateMessage(MessageRecipient.ToBsuid(Bsuid), "astrobot_reconnect_v2", "es"), Assert.Single(sent));
        var entry = Assert.Single(logger.Entries, e => e.EventId.Id == BsuidRefusedEventId);
        Assert.Equal("template", entry.Values["MessageType"]);
        Assert.DoesNotContain(Bsuid, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendDocumentAsync_DocumentToBsuidRefused131062_ReturnsNullAndLogs1003()
    {
        FailSends(ReplySender.BsuidRecipientNotSupported);

        var receipt = await sut.SendDocumentAsync(WaId, BsuidRecipient, Link, "export.zip", null, time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(ReplyOutcome.Unreachable, receipt);
        Assert.Equal("document", Assert.Single(logger.Entries, e => e.EventId.Id == BsuidRefusedEventId).Values["MessageType"]);
    }

    [Fact]
    public async Task SendTextAsync_TemplateToPhoneRefused131062_Rethrows()
    {
        FailSends(ReplySender.BsuidRecipientNotSupported);

        var failure = await Assert.ThrowsAsync<GraphApiException>(
            () => sut.SendTextAsync(WaId, Recipient, "Your reading", lastInboundAt: null, CancellationToken.None));

        Assert.Equal(ReplySender.BsuidRecipientNotSupported, failure.ErrorCode);
        Assert.DoesNotContain(logger.Entries, e => e.EventId.Id == BsuidRefusedEventId);
    }

    [Theory]
    [InlineData(131047)]
    [InlineData(131026)]
    [InlineData(100)]
    [InlineData(null)]
    public async Task SendTextAsync_OtherErrorToBsuid_Rethrows(int? code)
    {
        FailSends(code);

        var failure = await Assert.ThrowsAsync<GraphApiException>(
            () => sut.SendTextAsync(WaId, BsuidRecipient, "Your reading", lastInboundAt: null, CancellationToken.None));

        Assert.Equal(code, failure.ErrorCode);
        Assert.DoesNotContain(logger.Entries, e => e.EventId.Id == BsuidRefusedEventId);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(429, 130429)]
    [InlineData(null, null)]
    public async Task SendTextAsync_GraphDownPastItsRetries_QueuesTheReplyInsteadOfThrowing(int? status, int? code)
    {
        FailSends(code, status, isTransient: true);
        var lastInbound = time.GetUtcNow().AddHours(-1);

        var outcome = await sut.SendTextAsync(WaId, Recipient, "Your reading", lastInbound, CancellationToken.None);

        Assert.Equal(ReplyOutcome.Queued, outcome);
        var entry = Assert.Single(await WaitingAsync());
        Assert.Equal(new TextMessage(Recipient, "Your reading"), entry.ReadMessage());
        Assert.Equal((WaId, lastInbound, time.GetUtcNow()), (entry.UserKey, entry.LastInboundAt, entry.EnqueuedAt));
        Assert.Equal(status, Assert.Single(logger.Entries, e => e.EventId.Id == ContinuityEventId.ReplyQueuedGraphUnavailable).Values["HttpStatus"]);
    }

    [Fact]
    public async Task SendTextAsync_WindowClosedAndGraphDown_QueuesTheReplyItselfForTheWindowAtSendTime()
    {
        FailSends(null, 503, isTransient: true);

        await sut.SendTextAsync(WaId, Recipient, "Your reading", time.GetUtcNow().AddDays(-2), CancellationToken.None);

        Assert.Equal(new TextMessage(Recipient, "Your reading"), Assert.Single(await WaitingAsync()).ReadMessage());
    }

    [Fact]
    public async Task SendTextAsync_EarlierReplyWaiting_AppendsBehindItWithoutSending()
    {
        await outbox.AppendAsync(WaId, new TextMessage(Recipient, "first"), time.GetUtcNow(), CancellationToken.None);

        var outcome = await sut.SendDocumentAsync(WaId, Recipient, Link, "export.zip", null, time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(ReplyOutcome.Queued, outcome);
        Assert.Empty(sent);
        Assert.Equal(["text", "document"], (await WaitingAsync()).Select(entry => OutboundMessageJson.TypeOf(entry.ReadMessage())));
        Assert.Single(logger.Entries, e => e.EventId.Id == ContinuityEventId.ReplyQueuedBehindWaiting);
    }

    [Fact]
    public async Task SendTextAsync_AnotherUsersReplyWaiting_SendsNow()
    {
        await outbox.AppendAsync("447700900123", new TextMessage(MessageRecipient.ToPhone("447700900123"), "theirs"), time.GetUtcNow(), CancellationToken.None);

        var outcome = await sut.SendTextAsync(WaId, Recipient, "Your reading", time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(ReplyDelivery.Sent, outcome.Delivery);
        Assert.Single(sent);
        Assert.Empty(await WaitingAsync());
    }

    [Fact]
    public async Task SendTextAsync_PermanentFailure_ThrowsAndQueuesNothing()
    {
        FailSends(131026);

        await Assert.ThrowsAsync<GraphApiException>(() => sut.SendTextAsync(WaId, Recipient, "Your reading", time.GetUtcNow(), CancellationToken.None));

        Assert.Empty(await WaitingAsync());
    }

    private Task<IReadOnlyList<OutboxEntry>> WaitingAsync() =>
        outbox.ReadWaitingAsync(OutboxKeys.PartitionOf(WaId), 10, CancellationToken.None);

    private void FailSends(int? errorCode, int? status = 400, bool isTransient = false) =>
        graph.Setup(g => g.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .Callback<OutboundMessage, CancellationToken>((message, _) => sent.Add(message))
            .ThrowsAsync(new GraphApiException($"The Graph API answered {status}.", status, errorCode, isTransient));
}

using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.WhatsApp.Webhooks;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class InboxProcessorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset ReceivedAt = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private FrontDoorHarness harness = null!;
    private InboxProcessor sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync();
        sut = harness.Get<InboxProcessor>();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task ProcessAsync_TextMessage_HandsTheBotTheDocumentedContract()
    {
        await sut.ProcessAsync(Envelope(WebhookJson.Text("wamid.chat1", "What does my chart say?")), CancellationToken.None);

        var text = Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        using var json = JsonDocument.Parse(Convert.FromBase64String(text));
        var root = json.RootElement;
        Assert.Equal("message", root.GetProperty("kind").GetString());
        Assert.Equal(2, root.GetProperty("v").GetInt32());
        Assert.Equal("wamid.chat1", root.GetProperty("wamid").GetString());
        Assert.Equal(WebhookJson.UserWaId, root.GetProperty("userKey").GetString());
        Assert.Equal(WebhookJson.UserWaId, root.GetProperty("replyTo").GetProperty("to").GetString());
        Assert.False(root.GetProperty("replyTo").TryGetProperty("recipient", out _));
        Assert.Equal(WebhookJson.UserWaId, root.GetProperty("from").GetString());
        Assert.Equal(FrontDoorHarness.PhoneNumberId, root.GetProperty("phoneNumberId").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), root.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(ReceivedAt, root.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal("text", root.GetProperty("type").GetString());
        Assert.Equal("What does my chart say?", root.GetProperty("text").GetString());
        Assert.Equal("Test User", root.GetProperty("profileName").GetString());
        Assert.False(root.TryGetProperty("replyId", out _));
        Assert.Empty(harness.Sink.Messages);
    }

    [Fact]
    public async Task ProcessAsync_SameWebhookTwice_RoutesEachWamidOnce()
    {
        var envelope = Envelope(WebhookJson.Text("wamid.replayed", "hello"));

        await sut.ProcessAsync(envelope, CancellationToken.None);
        await sut.ProcessAsync(envelope, CancellationToken.None);

        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("  help ")]
    [InlineData("Help\\n")]
    public async Task ProcessAsync_Help_RepliesWithTheHelpTextThroughGraph(string text)
    {
        await sut.ProcessAsync(Envelope(WebhookJson.Text("wamid.help", text, RecentUnixSeconds())), CancellationToken.None);

        var reply = Assert.Single(harness.Sink.Messages);
        Assert.Equal(WebhookJson.UserWaId, reply.To);
        Assert.Equal("text", reply.Type);
        Assert.Equal(HelpCommandHandler.HelpText, reply.Text);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
    }

    [Fact]
    public async Task ProcessAsync_ReplyFails_ThrowsAndTheRetryRepliesOnce()
    {
        var envelope = Envelope(WebhookJson.Text("wamid.retry", "HELP", RecentUnixSeconds()));
        harness.Sink.FailNext(400, 100);

        await Assert.ThrowsAsync<GraphApiException>(() => sut.ProcessAsync(envelope, CancellationToken.None));
        Assert.False(await harness.Get<MessageLedger>().IsProcessedAsync("wamid.retry", CancellationToken.None));

        await sut.ProcessAsync(envelope, CancellationToken.None);
        await sut.ProcessAsync(envelope, CancellationToken.None);

        Assert.Single(harness.Sink.Messages);
        Assert.True(await harness.Get<MessageLedger>().IsProcessedAsync("wamid.retry", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_ClaimCheckedWebhook_IsProcessedAndItsBlobDeleted()
    {
        // Meta batches: many messages of up to 4,096 characters each make a body far over a queue message.
        var body = WebhookJson.ManyTexts("wamid.batch", count: 50, textLength: 4096);
        await harness.Get<WebhookInbox>().RecordAsync(body, CancellationToken.None);
        var queued = Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        var blob = WebhookEnvelope.FromQueueText(queued).Blob;
        Assert.NotNull(blob);

        await sut.ProcessAsync(queued, CancellationToken.None);

        Assert.True(body.Length > 200 * 1024);
        Assert.Equal(50, await CountAsync(harness.BotQueue));
        Assert.False(await harness.ClaimCheckContainer.GetBlobClient(blob).ExistsAsync());
    }

    [Fact]
    public async Task ProcessAsync_DeliveredReadDelivered_StaysRead()
    {
        await ProcessStatusesAsync("wamid.out1", "delivered", "read", "delivered");

        Assert.Equal(MessageStatus.Read, await harness.Get<MessageLedger>().GetStatusAsync("wamid.out1", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_FailedThenRead_StaysFailed()
    {
        await ProcessStatusesAsync("wamid.out2", "sent", "failed", "read");

        Assert.Equal(MessageStatus.Failed, await harness.Get<MessageLedger>().GetStatusAsync("wamid.out2", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_ReadArrivesBeforeSentAndDelivered_StaysRead()
    {
        await ProcessStatusesAsync("wamid.out3", "read", "sent", "delivered");

        Assert.Equal(MessageStatus.Read, await harness.Get<MessageLedger>().GetStatusAsync("wamid.out3", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_OnlyErrors_CompletesWithoutRoutingAnything()
    {
        await sut.ProcessAsync(Envelope(WebhookJson.OnlyErrors()), CancellationToken.None);

        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.Empty(harness.Sink.Messages);
    }

    [Fact]
    public async Task ProcessAsync_EnvelopeOfAnUnknownVersion_ThrowsSoTheQueueRetries()
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"v":9,"receivedAt":"2027-01-15T08:00:00+00:00","body":"e30="}"""));

        await Assert.ThrowsAsync<InvalidDataException>(() => sut.ProcessAsync(text, CancellationToken.None));
    }

    private async Task ProcessStatusesAsync(string wamid, params string[] statuses)
    {
        var second = 1_800_000_000L;
        foreach (var status in statuses)
        {
            await sut.ProcessAsync(Envelope(WebhookJson.Status(wamid, status, second++)), CancellationToken.None);
        }
    }

    // Replies are free text only within 24 h of the user's message; older ones get the reconnect template.
    private static async Task<int> CountAsync(Azure.Storage.Queues.QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static long RecentUnixSeconds() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task ProcessAsync_IdentityDirectoryUnreachable_ParksItAndProcessingItLaterDeliversIt()
    {
        // The front door recorded (and so acknowledged) the webhook without the directory; only processing needs it.
        await harness.Get<WebhookInbox>().RecordAsync(WebhookJson.Text("wamid.directory-down", "hello"), CancellationToken.None);
        var recorded = Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        await using var broken = new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(Settings(EmulatorEndpoints.UnreachableStorageConnectionString))
            .AddBotData(Settings(EmulatorEndpoints.UnreachableStorageConnectionString))
            .AddIdentity(Settings(EmulatorEndpoints.UnreachableStorageConnectionString))
            .BuildServiceProvider();
        var withoutDirectory = ActivatorUtilities.CreateInstance<InboxProcessor>(
            harness.Services, broken.GetRequiredService<IdentityResolver>(), broken.GetRequiredService<IdentityChangeApplier>());
        var held = harness.Get<HeldQueue>().Client;

        // Not thrown: a failure would spend the queue message's dequeue count while the directory is down (Availability/Degradation).
        await withoutDirectory.ProcessAsync(recorded, CancellationToken.None);

        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.False(await harness.Get<MessageLedger>().IsProcessedAsync("wamid.directory-down", CancellationToken.None));
        var parked = Assert.Single((await held.ReceiveMessagesAsync(32)).Value);

        await sut.ProcessHeldAsync(parked.Body.ToString(), CancellationToken.None); // as the drain does once it is back
        await held.DeleteMessageAsync(parked.MessageId, parked.PopReceipt);

        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
    }

    [Theory]
    [MemberData(nameof(BsuidFixtures.Valid), MemberType = typeof(BsuidFixtures))]
    public async Task ProcessAsync_EveryShapeOfMetasBsuidDocumentation_ReachesTheBotWithAUserKey(string fixture)
    {
        var batch = WebhookPayloadParser.Parse(BsuidFixtures.Read(fixture)).Batch!;

        await sut.ProcessAsync(Envelope(BsuidFixtures.Read(fixture)), CancellationToken.None);

        var queued = (await FrontDoorHarness.PeekAllAsync(harness.BotQueue)).Select(BotQueueMessage.FromQueueText).ToList();
        var expected = batch.Messages.Count + batch.IdentityChanges.Count;
        Assert.Equal(expected, queued.Count);
        Assert.All(queued, message => Assert.True(UserKey.IsValid(message.UserKey), message.UserKey));
        Assert.All(queued, message => Assert.True(message.ReplyTo.To is not null ^ message.ReplyTo.Recipient is not null));
        Assert.Equal(batch.IdentityChanges.Count, queued.OfType<BotIdentityChanged>().Count());
        foreach (var status in batch.Statuses)
        {
            Assert.NotNull(await harness.Get<MessageLedger>().GetStatusAsync(status.Wamid, CancellationToken.None));
        }
    }

    private IConfiguration Settings(string storage)
    {
        var settings = FrontDoorHarness.Settings(harness.Sink.BaseUri);
        settings["Storage:ConnectionString"] = storage;
        settings["Identity:DirectoryTableName"] = harness.Get<IOptions<IdentityOptions>>().Value.DirectoryTableName;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static string Envelope(byte[] body) => WebhookEnvelope.Inline(body, ReceivedAt).ToQueueText();
}

using AstroBot.Continuity.Availability.Inbox;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class BotQueueTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;

    public async Task InitializeAsync() => harness = await FrontDoorHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task EnqueueAsync_AMessageForTheBot_NeverExpires()
    {
        var sut = harness.Get<BotQueue>();
        var message = new BotInboundMessage
        {
            Wamid = "wamid.forever",
            UserKey = "15550001234",
            ReplyTo = new BotReplyAddress("15550001234", null),
            PhoneNumberId = FrontDoorHarness.PhoneNumberId,
            Type = "text",
            Text = "hello",
        };

        await sut.EnqueueAsync(message, CancellationToken.None);

        Assert.Equal("wamid.forever", BotQueueMessage.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue))).Wamid);
        await FrontDoorHarness.AssertNoneExpiresAsync(harness.BotQueue);
    }
}

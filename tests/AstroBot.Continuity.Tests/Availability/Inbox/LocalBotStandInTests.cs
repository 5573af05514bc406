using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class LocalBotStandInTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;
    private LocalBotStandIn sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync();
        sut = ActivatorUtilities.CreateInstance<LocalBotStandIn>(harness.Services);
    }

    public async Task DisposeAsync()
    {
        sut.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task DrainOnceAsync_MessageForTheBot_RepliesWithTheStandInTextAndDeletesIt()
    {
        var message = new InboundMessage(
            "wamid.standin", WebhookJson.UserWaId, FrontDoorHarness.PhoneNumberId, TimeProvider.System.GetUtcNow(), "text", "hi", null, null);
        await harness.Get<BotQueue>().EnqueueAsync(BotInboundMessage.Create(message, TimeProvider.System.GetUtcNow()), CancellationToken.None);

        await sut.DrainOnceAsync(CancellationToken.None);

        var reply = Assert.Single(harness.Sink.Messages);
        Assert.Equal(WebhookJson.UserWaId, reply.To);
        Assert.Equal(LocalBotStandIn.StandInText, reply.Text);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
    }
}

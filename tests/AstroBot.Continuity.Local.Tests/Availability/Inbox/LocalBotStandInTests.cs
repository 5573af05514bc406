using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Tests.Availability;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Tests.Availability.Inbox;

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
            "wamid.standin", new UserIdentifiers(WebhookJson.UserWaId, null), FrontDoorHarness.PhoneNumberId, TimeProvider.System.GetUtcNow(), "text", "hi", null, null);
        var sender = new MessageSender(WebhookJson.UserWaId, MessageRecipient.ToPhone(WebhookJson.UserWaId));
        await harness.Get<BotQueue>().EnqueueAsync(BotInboundMessage.Create(message, sender, TimeProvider.System.GetUtcNow()), CancellationToken.None);

        await sut.DrainOnceAsync(CancellationToken.None);

        var reply = Assert.Single(harness.Sink.Messages);
        Assert.Equal(WebhookJson.UserWaId, reply.To);
        Assert.Equal(LocalBotStandIn.StandInText, reply.Text);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
    }
}

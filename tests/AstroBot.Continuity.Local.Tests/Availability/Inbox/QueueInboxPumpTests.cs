using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Tests.Availability;

namespace AstroBot.Continuity.Local.Tests.Availability.Inbox;

public sealed class QueueInboxPumpTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;
    private QueueInboxPump sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync(new Dictionary<string, string?> { ["FrontDoor:MaxDequeueCount"] = "3" });
        sut = ActivatorUtilitiesFor<QueueInboxPump>();
    }

    public async Task DisposeAsync()
    {
        sut.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task DrainOnceAsync_RecordedWebhook_ProcessesAndDeletesIt()
    {
        await harness.Get<WebhookInbox>().RecordAsync(WebhookJson.Text("wamid.pumped", "hello"), CancellationToken.None);

        var received = await sut.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(1, received);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        Assert.Equal("wamid.pumped", BotInboundMessage.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue))).Wamid);
    }

    [Fact]
    public async Task DrainOnceAsync_ReplayedWebhook_BotQueueHoldsOneMessage()
    {
        var body = WebhookJson.Text("wamid.twice", "hello");
        await harness.Get<WebhookInbox>().RecordAsync(body, CancellationToken.None);
        await harness.Get<WebhookInbox>().RecordAsync(body, CancellationToken.None);

        await sut.DrainOnceAsync(CancellationToken.None);

        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
    }

    [Fact]
    public async Task DrainOnceAsync_MessageFailingMaxDequeueCountTimes_MovesItToPoisonUnchanged()
    {
        await harness.InboxQueue.SendMessageAsync("bm90IGFuIGVudmVsb3Bl");

        for (var attempt = 1; attempt <= harness.Options.MaxDequeueCount; attempt++)
        {
            Assert.Equal(1, await sut.DrainOnceAsync(CancellationToken.None));
            Assert.Equal(attempt < harness.Options.MaxDequeueCount, (await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)).Count == 1);
        }

        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        Assert.Equal("bm90IGFuIGVudmVsb3Bl", Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.PoisonQueue)));
    }

    [Fact]
    public async Task StopAsync_AfterTheLoopDrainedAMessage_EndsCleanly()
    {
        await harness.Get<WebhookInbox>().RecordAsync(WebhookJson.Text("wamid.looped", "hello"), CancellationToken.None);
        await sut.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => (await FrontDoorHarness.PeekAllAsync(harness.BotQueue)).Count == 1);

        await sut.StopAsync(CancellationToken.None);

        Assert.NotNull(sut.ExecuteTask);
        Assert.True(sut.ExecuteTask.IsCompletedSuccessfully, $"{sut.ExecuteTask.Status} {sut.ExecuteTask.Exception}");
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    // Polls a condition the background loop brings about; bounded so a broken loop fails instead of hanging.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var poll = 0; poll < 300; poll++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The pump did not process the message.");
    }

    private T ActivatorUtilitiesFor<T>() =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(harness.Services);
}

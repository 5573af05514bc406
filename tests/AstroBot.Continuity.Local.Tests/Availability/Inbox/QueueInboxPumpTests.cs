using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Tests.Backup.Runs;
using AstroBot.Continuity.Tests.Availability;

namespace AstroBot.Continuity.Local.Tests.Availability.Inbox;

public sealed class QueueInboxPumpTests : IAsyncLifetime
{
    // The pump's idle wait runs on it: when the loop waits on it, it has handled everything it received and found the queue empty.
    private readonly WatchedClock time = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    private FrontDoorHarness harness = null!;
    private QueueInboxPump sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync(new Dictionary<string, string?> { ["FrontDoor:MaxDequeueCount"] = "3" });
        sut = ActivatorUtilitiesFor<QueueInboxPump>(time);
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
    public async Task DrainOnceAsync_MessageFailingMaxDequeueCountTimes_NeverExpiresInPoison()
    {
        await harness.InboxQueue.SendMessageAsync("bm90IGFuIGVudmVsb3Bl");

        for (var attempt = 1; attempt <= harness.Options.MaxDequeueCount; attempt++)
        {
            await sut.DrainOnceAsync(CancellationToken.None);
        }

        await FrontDoorHarness.AssertNoneExpiresAsync(harness.PoisonQueue);
    }

    [Fact]
    public async Task StopAsync_AfterTheLoopDrainedAMessage_EndsCleanly()
    {
        await harness.Get<WebhookInbox>().RecordAsync(WebhookJson.Text("wamid.looped", "hello"), CancellationToken.None);
        await sut.StartAsync(CancellationToken.None);
        await LoopWaitsOnTheClockAsync();

        // The loop waits only once a poll came back empty, so the message was handled and deleted (not merely
        // hidden, which a peek would not tell apart: the count includes invisible messages).
        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.Equal(0, (await harness.InboxQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await sut.StopAsync(CancellationToken.None);

        Assert.NotNull(sut.ExecuteTask);
        Assert.True(sut.ExecuteTask.IsCompletedSuccessfully, $"{sut.ExecuteTask.Status} {sut.ExecuteTask.Exception}");
    }

    // Until the loop waits on the clock for its next poll: a signal (the timer it arms), not a duration; the bound only
    // stops a broken loop from hanging the test.
    private Task LoopWaitsOnTheClockAsync() => time.WhenAsync(clock => clock.WaitingTimers == 1, TimeSpan.FromSeconds(30));

    private T ActivatorUtilitiesFor<T>(params object[] parameters) =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(harness.Services, parameters);
}

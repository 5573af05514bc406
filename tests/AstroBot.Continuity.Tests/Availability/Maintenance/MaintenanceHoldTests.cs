using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Maintenance;

/// <summary>The inbox during a maintenance window: messages held, each user told once, statuses applied, nothing poisoned.</summary>
public sealed class MaintenanceHoldTests : IAsyncLifetime
{
    private const string Notice = "AstroBot is down for maintenance until 10:00 UTC; your messages are safe and will be answered then.";

    private MaintenanceWorld world = null!;

    public async Task InitializeAsync() => world = await MaintenanceWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task ProcessAsync_TwoMessagesOfOneUserDuringAWindow_OneNoticeNothingToTheBotNothingPoisoned()
    {
        await StartAsync();

        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.a1", "first"), CancellationToken.None);
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.a2", "second"), CancellationToken.None);

        var notice = Assert.Single(world.Harness.Sink.Messages);
        Assert.Equal(MaintenanceWorld.Alice, notice.To);
        Assert.Equal("text", notice.Type);
        Assert.Equal(Notice, notice.Text);
        Assert.Empty(await world.BotMessagesAsync());
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue));
        Assert.Equal(2, await MaintenanceWorld.CountAsync(world.HeldQueue));
        await FrontDoorHarness.AssertNoneExpiresAsync(world.HeldQueue);
        Assert.False(await world.Harness.Get<MessageLedger>().IsProcessedAsync("wamid.a1", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_ASecondUserDuringTheWindow_GetsTheirOwnNotice()
    {
        await StartAsync();

        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.a1", "first"), CancellationToken.None);
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Bob, "wamid.b1", "hello"), CancellationToken.None);
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Bob, "wamid.b2", "anyone?"), CancellationToken.None);

        Assert.Equal([MaintenanceWorld.Alice, MaintenanceWorld.Bob], world.Harness.Sink.Messages.Select(message => message.To));
        Assert.All(world.Harness.Sink.Messages, message => Assert.Equal(Notice, message.Text));
        Assert.Equal(2, (await world.Control.StatusAsync(CancellationToken.None)).NoticesSent);
    }

    [Fact]
    public async Task ProcessAsync_RedeliveredDuringTheWindow_SendsNoSecondNotice()
    {
        await StartAsync();
        var webhook = world.Text(MaintenanceWorld.Alice, "wamid.again", "hello");

        await world.Processor.ProcessAsync(webhook, CancellationToken.None);
        await world.Processor.ProcessAsync(webhook, CancellationToken.None); // the queue's redelivery after a crash

        Assert.Single(world.Harness.Sink.Messages);
        Assert.Empty(await world.BotMessagesAsync());
    }

    [Fact]
    public async Task ProcessAsync_HelpDuringTheWindow_IsHeldNotAnswered()
    {
        await StartAsync();

        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.help", "HELP"), CancellationToken.None);

        Assert.Equal([Notice], world.Harness.Sink.Messages.Select(message => message.Text));
        Assert.Equal(1, await MaintenanceWorld.CountAsync(world.HeldQueue));
    }

    [Fact]
    public async Task ProcessAsync_StatusesDuringTheWindow_AreAppliedAtOnce()
    {
        await StartAsync();

        await world.Processor.ProcessAsync(world.Status("wamid.out1", "delivered"), CancellationToken.None);
        await world.Processor.ProcessAsync(world.Status("wamid.out1", "read"), CancellationToken.None);

        Assert.Equal(MessageStatus.Read, await world.Harness.Get<MessageLedger>().GetStatusAsync("wamid.out1", CancellationToken.None));
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.HeldQueue));
        Assert.Empty(world.Harness.Sink.Messages);
    }

    [Fact]
    public async Task ProcessAsync_GraphApiDownForTheNotice_HoldsTheMessageAndTheNoticeWaitsInTheOutboxOnce()
    {
        await StartAsync();
        world.Harness.Sink.FailNext(500, 131000);

        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.a1", "first"), CancellationToken.None);
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.a2", "second"), CancellationToken.None);
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.a3", "third"), CancellationToken.None);

        Assert.Empty(world.Harness.Sink.Messages);
        Assert.Equal(1, (await world.Harness.Get<ReplyOutbox>().ReadStatusAsync(CancellationToken.None)).WaitingReplies);
        Assert.Equal(3, await MaintenanceWorld.CountAsync(world.HeldQueue));
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue));

        await world.Harness.Get<OutboxDrainJob>().DrainAsync(CancellationToken.None);

        Assert.Equal("text", Assert.Single(world.Harness.Sink.Messages).Type);
    }

    [Fact]
    public async Task ProcessAsync_TheProbesWebhookDuringTheWindow_IsNeitherHeldNorAnswered()
    {
        await StartAsync();

        await world.Processor.ProcessAsync(world.Text(ProbeOptions.DefaultProbeWaId, "wamid.probe", "probe"), CancellationToken.None);

        Assert.Empty(world.Harness.Sink.Messages);
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.HeldQueue));
        Assert.Empty(await world.BotMessagesAsync());
    }

    [Fact]
    public async Task ProcessAsync_NoWindow_RoutesAsUsual()
    {
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.plain", "hello"), CancellationToken.None);

        Assert.Equal([(MaintenanceWorld.Alice, "wamid.plain")], await world.BotMessagesAsync());
        Assert.False((await world.HeldQueue.ExistsAsync()).Value);
    }

    private async Task StartAsync()
    {
        var started = await world.Control.StartAsync("2h", Notice, "tests", CancellationToken.None);
        Assert.Null(started.Problem);
    }
}

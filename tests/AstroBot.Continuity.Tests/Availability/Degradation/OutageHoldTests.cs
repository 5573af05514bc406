using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Tests.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Degradation;

/// <summary>
/// The inbox while the app account the regions share (the ledger, the identity directory, the bot's queue) is down:
/// webhooks are acknowledged and parked, not failed; users are told once per outage; nothing is poisoned however long
/// it lasts; everything drains in order per user once it is back.
/// </summary>
public sealed class OutageHoldTests
{
    private const string Alice = MaintenanceWorld.Alice;
    private const string Bob = MaintenanceWorld.Bob;

    [Fact]
    public async Task ProcessAsync_AppAccountDown_ParksTheWebhookInsteadOfFailing()
    {
        await using var world = await OutageWorld.StartAsync();
        world.AppAccountDown();

        await world.Processor.ProcessAsync(world.Inbox.Text(Alice, "wamid.A1", "hello"), CancellationToken.None);

        Assert.Equal(1, await MaintenanceWorld.CountAsync(world.HeldQueue));
        var outage = await world.Outages.ReadAsync(CancellationToken.None);
        Assert.NotNull(outage);
        Assert.True(outage.IsOpen);
        Assert.False(outage.IsDeclared); // a blip so far: nobody is told
        Assert.Equal("storage", outage.Dependency);
        Assert.Empty(world.Inbox.Harness.Sink.Messages);
    }

    [Fact]
    public async Task ProcessAsync_OutageDeclared_TellsEachUserOnceWhateverTheyWrite()
    {
        await using var world = await OutageWorld.StartAsync();
        world.AppAccountDown();
        await world.Processor.ProcessAsync(world.Inbox.Text(Alice, "wamid.A1", "one"), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(2));

        var trial = await world.Drain.DrainAsync(CancellationToken.None); // still down: the outage is now declared
        foreach (var (from, wamid) in new[] { (Alice, "wamid.A2"), (Bob, "wamid.B1"), (Alice, "wamid.A3"), (Bob, "wamid.B2") })
        {
            await world.Processor.ProcessAsync(world.Inbox.Text(from, wamid, "more"), CancellationToken.None);
        }

        Assert.Equal(MaintenanceDrainOutcome.DependencyDown, trial.Outcome);
        Assert.True((await world.Outages.ReadAsync(CancellationToken.None))!.IsDeclared);
        Assert.Equal([Alice, Bob], world.Inbox.Harness.Sink.Messages.Select(message => message.To));
        Assert.All(world.Inbox.Harness.Sink.Messages, message => Assert.Equal(OutageOptions.DefaultNotice, message.Text));
        Assert.Equal(5, await MaintenanceWorld.CountAsync(world.HeldQueue));
    }

    [Fact]
    public async Task DrainAsync_DownForLongerThanTheDequeueLimit_NeverPoisons()
    {
        await using var world = await OutageWorld.StartAsync();
        world.AppAccountDown();
        await world.Processor.ProcessAsync(world.Inbox.Text(Alice, "wamid.A1", "hello"), CancellationToken.None);

        for (var run = 0; run < world.Inbox.Harness.Options.MaxDequeueCount + 3; run++)
        {
            world.Time.Advance(TimeSpan.FromSeconds(30));
            var result = await world.Drain.DrainAsync(CancellationToken.None);
            Assert.Equal(MaintenanceDrainOutcome.DependencyDown, result.Outcome);
        }

        Assert.Equal(1, await MaintenanceWorld.CountAsync(world.HeldQueue));
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Inbox.Harness.PoisonQueue));
    }

    [Fact]
    public async Task DrainAsync_AppAccountBack_ProcessesEachMessageOnceInOrderPerUserAndResolves()
    {
        await using var world = await OutageWorld.StartAsync();
        world.AppAccountDown();
        string[] sent = ["wamid.A1", "wamid.B1", "wamid.A2", "wamid.A3", "wamid.B2"];
        foreach (var wamid in sent)
        {
            await world.Processor.ProcessAsync(world.Inbox.Text(wamid.Contains(".A", StringComparison.Ordinal) ? Alice : Bob, wamid, "hi"), CancellationToken.None);
        }

        // A redelivery of one of them, as Meta's retry or the other region would bring it.
        await world.Processor.ProcessAsync(world.Inbox.Text(Alice, "wamid.A2", "hi"), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(MaintenanceDrainOutcome.DependencyDown, (await world.Drain.DrainAsync(CancellationToken.None)).Outcome);

        world.AppAccountUp();
        world.Time.Advance(TimeSpan.FromSeconds(30));
        var drained = await world.Drain.DrainAsync(CancellationToken.None);

        Assert.Equal(MaintenanceDrainOutcome.Drained, drained.Outcome);
        var bot = await world.Inbox.BotMessagesAsync();
        Assert.Equal(["wamid.A1", "wamid.A2", "wamid.A3"], bot.Where(message => message.UserKey == Alice).Select(message => message.Wamid));
        Assert.Equal(["wamid.B1", "wamid.B2"], bot.Where(message => message.UserKey == Bob).Select(message => message.Wamid));
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.HeldQueue));
        Assert.False((await world.Outages.ReadAsync(CancellationToken.None))!.IsOpen);

        // Closed again: the next message goes straight through.
        await world.Processor.ProcessAsync(world.Inbox.Text(Bob, "wamid.B3", "back"), CancellationToken.None);
        Assert.Equal("wamid.B3", (await world.Inbox.BotMessagesAsync())[^1].Wamid);
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.HeldQueue));
    }

    [Fact]
    public async Task DrainAsync_BackBeforeBeingDeclared_TellsNobody()
    {
        await using var world = await OutageWorld.StartAsync();
        world.AppAccountDown();
        await world.Processor.ProcessAsync(world.Inbox.Text(Alice, "wamid.A1", "hello"), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromSeconds(10));
        await world.Processor.ProcessAsync(world.Inbox.Text(Bob, "wamid.B1", "hello"), CancellationToken.None);

        world.AppAccountUp();
        world.Time.Advance(TimeSpan.FromSeconds(20));
        var drained = await world.Drain.DrainAsync(CancellationToken.None);

        Assert.Equal(MaintenanceDrainOutcome.Drained, drained.Outcome);
        Assert.Equal(2, (await world.Inbox.BotMessagesAsync()).Count);
        Assert.Empty(world.Inbox.Harness.Sink.Messages);
    }
}

using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Tests.Availability.Maintenance;

/// <summary>After a window: what was held reaches the bot once, in order per user, and nothing overtakes it.</summary>
public sealed class MaintenanceDrainJobTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;

    public async Task InitializeAsync() => world = await MaintenanceWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public void Schedule_IsTheMaintenanceDrainSetting()
    {
        Assert.Equal(Schedules.MaintenanceDrain, world.Drain.Schedule);
        Assert.Equal("MaintenanceDrain", world.Drain.Name);
    }

    [Fact]
    public async Task DrainAsync_AfterStop_HandsEveryHeldMessageToTheBotInOrderPerUser()
    {
        await world.Control.StartAsync("1h", "Back soon.", "tests", CancellationToken.None);
        await ProcessAsync((MaintenanceWorld.Alice, "wamid.a1"), (MaintenanceWorld.Bob, "wamid.b1"), (MaintenanceWorld.Alice, "wamid.a2"), (MaintenanceWorld.Bob, "wamid.b2"), (MaintenanceWorld.Alice, "wamid.a3"));
        await world.Control.StopAsync("tests", CancellationToken.None);

        var result = await world.Drain.DrainAsync(CancellationToken.None);

        Assert.Equal(new MaintenanceDrainResult(MaintenanceDrainOutcome.Drained, 5, 0, 0), result);
        var bot = await world.BotMessagesAsync();
        Assert.Equal(["wamid.a1", "wamid.a2", "wamid.a3"], bot.Where(message => message.UserKey == MaintenanceWorld.Alice).Select(message => message.Wamid));
        Assert.Equal(["wamid.b1", "wamid.b2"], bot.Where(message => message.UserKey == MaintenanceWorld.Bob).Select(message => message.Wamid));
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue));
    }

    [Fact]
    public async Task DrainAsync_WhileTheWindowIsActive_DrainsNothing()
    {
        await world.Control.StartAsync("1h", "Back soon.", "tests", CancellationToken.None);
        await ProcessAsync((MaintenanceWorld.Alice, "wamid.a1"));

        var result = await world.Drain.DrainAsync(CancellationToken.None);

        Assert.Equal(MaintenanceDrainOutcome.WindowActive, result.Outcome);
        Assert.Equal(1, result.Remaining);
        Assert.Empty(await world.BotMessagesAsync());
    }

    [Fact]
    public async Task DrainAsync_AWindowWhoseEndPassed_EndsByItselfWithoutStop()
    {
        await world.Control.StartAsync("30m", "Back soon.", "tests", CancellationToken.None);
        await ProcessAsync((MaintenanceWorld.Alice, "wamid.a1"));

        world.Time.Advance(TimeSpan.FromMinutes(31));
        var status = await world.Control.StatusAsync(CancellationToken.None);
        var result = await world.Drain.DrainAsync(CancellationToken.None);

        Assert.Equal(MaintenanceState.Ended, status.State);
        Assert.Equal(MaintenanceDrainOutcome.Drained, result.Outcome);
        Assert.Equal([(MaintenanceWorld.Alice, "wamid.a1")], await world.BotMessagesAsync());
    }

    [Fact]
    public async Task ProcessAsync_AfterTheWindowBeforeTheDrain_WaitsBehindTheHeldMessagesWithoutANotice()
    {
        await world.Control.StartAsync("1h", "Back soon.", "tests", CancellationToken.None);
        await ProcessAsync((MaintenanceWorld.Alice, "wamid.a1"));
        await world.Control.StopAsync("tests", CancellationToken.None);

        await ProcessAsync((MaintenanceWorld.Alice, "wamid.a2"), (MaintenanceWorld.Bob, "wamid.b1"));
        Assert.Empty(await world.BotMessagesAsync());
        await world.Drain.DrainAsync(CancellationToken.None);

        var bot = await world.BotMessagesAsync();
        Assert.Equal(["wamid.a1", "wamid.a2"], bot.Where(message => message.UserKey == MaintenanceWorld.Alice).Select(message => message.Wamid));
        Assert.Contains((MaintenanceWorld.Bob, "wamid.b1"), bot);
        Assert.Single(world.Harness.Sink.Messages); // Alice's notice; nobody is told after the window

        // Drained: the next message goes straight through.
        await ProcessAsync((MaintenanceWorld.Bob, "wamid.b2"));
        Assert.Equal(4, (await world.BotMessagesAsync()).Count);
    }

    [Fact]
    public async Task DrainAsync_AHeldCopyOfAMessageProcessedElsewhere_HandsItToTheBotOnce()
    {
        var webhook = world.Text(MaintenanceWorld.Alice, "wamid.twice", "hello");
        await world.Control.StartAsync("1h", "Back soon.", "tests", CancellationToken.None);
        await world.Processor.ProcessAsync(webhook, CancellationToken.None);
        await world.Processor.ProcessAsync(webhook, CancellationToken.None); // held twice: a redelivery during the window
        await world.Control.StopAsync("tests", CancellationToken.None);

        var result = await world.Drain.DrainAsync(CancellationToken.None);

        Assert.Equal(2, result.Processed);
        Assert.Equal([(MaintenanceWorld.Alice, "wamid.twice")], await world.BotMessagesAsync());
    }

    [Fact]
    public async Task DrainAsync_AHeldMessageThatKeepsFailing_WaitsThenGoesToThePoisonQueueNotBlockingTheRest()
    {
        await world.Control.StartAsync("1h", "Back soon.", "tests", CancellationToken.None);
        await world.Harness.Get<HeldQueue>().SendAsync("{\"v\":9}", CancellationToken.None); // an envelope no reader knows
        await ProcessAsync((MaintenanceWorld.Alice, "wamid.a1"));
        await world.Control.StopAsync("tests", CancellationToken.None);

        MaintenanceDrainResult result = null!;
        for (var run = 0; run < world.Harness.Options.MaxDequeueCount; run++)
        {
            result = await world.Drain.DrainAsync(CancellationToken.None);
        }

        // An unreadable message holds up no user: Alice's went through at the first run.
        Assert.Equal([(MaintenanceWorld.Alice, "wamid.a1")], await world.BotMessagesAsync());
        Assert.Equal(1, result.Poisoned);
        Assert.Equal(0, result.Remaining);
        Assert.Equal(1, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue));
    }

    private async Task ProcessAsync(params (string From, string Wamid)[] messages)
    {
        foreach (var (from, wamid) in messages)
        {
            await world.Processor.ProcessAsync(world.Text(from, wamid, "text of " + wamid), CancellationToken.None);
        }
    }
}

using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class PoisonQueueWatchTests : IAsyncLifetime
{
    private readonly StructuredLogger<PoisonQueueWatch> logger = new();
    private UserMessageQueuesWorld world = null!;
    private PoisonQueueWatch sut = null!;

    public async Task InitializeAsync()
    {
        world = await UserMessageQueuesWorld.StartAsync();
        sut = new PoisonQueueWatch(world.Harness.Get<StorageClients>(), world.Queues, logger);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public void Schedule_IsEveryFiveMinutesFromItsOwnSetting()
    {
        Assert.Equal(Schedules.InboxPoisonWatch, sut.Schedule);
        Assert.Equal("0 */5 * * * *", sut.Schedule.DefaultExpression);
        Assert.False(sut.CatchUpMissedRun);
    }

    [Fact]
    public async Task CheckAsync_NothingPoisoned_LogsEachQueueAtInformation()
    {
        var checks = await sut.CheckAsync(CancellationToken.None);

        Assert.Equal(["inbox", "bot", "exports"], checks.Select(check => check.Alias));
        var events = Checked();
        Assert.Equal(3, events.Count);
        Assert.All(events, logged => Assert.Equal(LogLevel.Information, logged.Level));
        Assert.All(events, logged => Assert.Equal(0L, logged.Values["PoisonMessages"]));
    }

    [Fact]
    public async Task CheckAsync_PoisonedMessages_LogsAWarningWithTheFieldsTheAlertReads()
    {
        await world.PoisonAsRuntimeAsync(world.Queues.All[1].PoisonName, 2);

        await sut.CheckAsync(CancellationToken.None);

        // bicep/modules/inboxAlerts.bicep reads EventId, PoisonQueueName and PoisonMessages: keep them.
        var warning = Assert.Single(Checked(), logged => logged.Level == LogLevel.Warning);
        Assert.Equal(1307, warning.Id);
        Assert.Equal(world.Queues.All[1].PoisonName, warning.Values["PoisonQueueName"]);
        Assert.Equal(2L, warning.Values["PoisonMessages"]);
    }

    [Fact]
    public async Task CheckAsync_MessagesTheRuntimePoisoned_NeverExpireAfterwardsAndStayVisible()
    {
        var poisoned = await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 40); // more than a peek shows

        var checks = await sut.CheckAsync(CancellationToken.None);

        Assert.Equal(40, checks[0].KeptForever);
        var poison = world.Client(world.Inbox.PoisonName);
        Assert.Equal(32, (await FrontDoorHarness.PeekAllAsync(poison)).Count); // in sight at once, for an operator's redrive
        await FrontDoorHarness.AssertNoneExpiresAsync(poison);
        Assert.Equal(poisoned.Order(), (await world.ReceiveAllAsync(world.Inbox.PoisonName)).Order());
        Assert.Contains(logger.Events, logged => logged.Id == ContinuityEventId.PoisonMessagesKeptForever && Equals(logged.Values["MessageCount"], 40));
    }

    [Fact]
    public async Task CheckAsync_PoisonMessagesThatAlreadyNeverExpire_AreLeftAlone()
    {
        var poison = world.Client(world.Inbox.PoisonName);
        await poison.CreateIfNotExistsAsync();
        var sent = await InfiniteTimeToLive.SendAsync(poison, "kept", CancellationToken.None);

        var checks = await sut.CheckAsync(CancellationToken.None);

        Assert.Equal(0, checks[0].KeptForever);
        Assert.Equal(sent.Value.MessageId, Assert.Single((await poison.PeekMessagesAsync(32)).Value).MessageId);
    }

    [Fact]
    public async Task CheckAsync_ARunThenARedrive_TheRedriveFindsEveryMessage()
    {
        await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 40);
        await sut.CheckAsync(CancellationToken.None);

        var result = await world.Harness.Get<PoisonRedrive>().RedriveAsync(world.Inbox, max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(40, result.Moved);
    }

    private List<LoggedEvent> Checked() => [.. logger.Events.Where(logged => logged.Id == ContinuityEventId.PoisonQueueChecked)];
}

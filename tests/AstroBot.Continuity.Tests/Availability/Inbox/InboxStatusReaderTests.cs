using AstroBot.Continuity.Availability.Inbox;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class InboxStatusReaderTests : IAsyncLifetime
{
    private UserMessageQueuesWorld world = null!;

    public async Task InitializeAsync() => world = await UserMessageQueuesWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task ReadAsync_NothingPoisoned_CountsTheQueuesAndNoPoisonQueueExists()
    {
        await world.Client(world.Inbox.Name).SendMessageAsync("waiting");
        var sut = world.Harness.Get<InboxStatusReader>();

        var status = await sut.ReadAsync(CancellationToken.None);

        Assert.Equal(["inbox", "bot", "exports"], status.Queues.Select(queue => queue.Alias));
        Assert.Equal(new QueueDepth(world.Inbox.Name, true, 1), status.Queues[0].Queue);
        Assert.Equal(new QueueDepth(world.Inbox.PoisonName, false, 0), status.Queues[0].Poison);
        Assert.False(status.Queues[2].Queue.Exists); // the export queue appears with the first request
        Assert.Equal(0, status.PoisonedMessages);
    }

    [Fact]
    public async Task ReadAsync_PoisonedMessages_CountsThemPerQueueAndInAll()
    {
        await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 2);
        await world.PoisonAsRuntimeAsync(world.Queues.All[1].PoisonName, 1);
        var sut = world.Harness.Get<InboxStatusReader>();

        var status = await sut.ReadAsync(CancellationToken.None);

        Assert.Equal([2L, 1L, 0L], status.Queues.Select(queue => queue.Poison.ApproximateMessages));
        Assert.Equal(3, status.PoisonedMessages);
    }
}

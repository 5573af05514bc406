using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Tests.Backup.Runs;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class MessageLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2027, 1, 11, 9, 0, 0, TimeSpan.Zero);

    private FrontDoorHarness harness = null!;
    private MessageLedger sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync();
        sut = harness.Get<MessageLedger>();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task MarkProcessedAsync_SecondTime_ReturnsFalse()
    {
        Assert.True(await sut.MarkProcessedAsync("wamid.a/b+c==", CancellationToken.None));

        Assert.False(await sut.MarkProcessedAsync("wamid.a/b+c==", CancellationToken.None));
        Assert.True(await sut.IsProcessedAsync("wamid.a/b+c==", CancellationToken.None));
        Assert.False(await sut.IsProcessedAsync("wamid.other", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_AnotherDeliveryHoldsIt_WaitsUntilItIsMarkedThenSkipsIt()
    {
        var clock = new WatchedClock(Monday);
        await using var clocked = await FrontDoorHarness.StartAsync(time: clock);
        var ledger = clocked.Get<MessageLedger>();
        Assert.True(await ledger.ClaimAsync("wamid.held", "first", CancellationToken.None));

        var second = ledger.ClaimAsync("wamid.held", "second", CancellationToken.None);
        await clock.WhenAsync(watched => watched.WaitingTimers >= 1, TimeSpan.FromSeconds(30)); // it waits out the claim
        Assert.False(second.IsCompleted, "the second delivery went ahead while the first held the message");
        Assert.True(await ledger.MarkProcessedAsync("wamid.held", CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1)); // its next look

        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ClaimAsync_TheHolderGaveItBack_TheNextDeliveryTakesItAtOnce()
    {
        Assert.True(await sut.ClaimAsync("wamid.released", "first", CancellationToken.None));
        var second = sut.ClaimAsync("wamid.released", "second", CancellationToken.None);

        await sut.ReleaseAsync("wamid.released", "first", CancellationToken.None);

        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(await sut.IsProcessedAsync("wamid.released", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_TheHolderDied_TheNextDeliveryTakesOverOnceTheClaimLapses()
    {
        await using var shortClaims = await FrontDoorHarness.StartAsync(new Dictionary<string, string?> { ["FrontDoor:ClaimDuration"] = "00:00:01" });
        var ledger = shortClaims.Get<MessageLedger>();
        Assert.True(await ledger.ClaimAsync("wamid.orphan", "died", CancellationToken.None));

        Assert.True(await ledger.ClaimAsync("wamid.orphan", "survivor", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await ledger.ClaimAsync("wamid.orphan", "survivor", CancellationToken.None)); // its own retry goes on
    }

    [Fact]
    public async Task RecordInboundAsync_OlderMessageAfterNewer_KeepsTheLatestTime()
    {
        await sut.RecordInboundAsync("15550001111", Monday.AddHours(2), CancellationToken.None);

        var latest = await sut.RecordInboundAsync("15550001111", Monday, CancellationToken.None);

        Assert.Equal(Monday.AddHours(2), latest);
        Assert.Equal(Monday.AddHours(2), await sut.GetLastInboundAtAsync("15550001111", CancellationToken.None));
        Assert.Null(await sut.GetLastInboundAtAsync("15559999999", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyStatusAsync_ConcurrentUpdates_EndAtTheFurthestStatus()
    {
        // Many writers race on one row: only ETag-guarded writes keep the furthest status.
        var updates = Enumerable.Range(0, 24)
            .Select(i => (MessageStatus)((i % 3) + 1))
            .Select(status => new MessageStatusUpdate("wamid.race", new UserIdentifiers("15550001111", null), status, Monday, []));

        await Task.WhenAll(updates.Select(update => sut.ApplyStatusAsync(update, CancellationToken.None)));

        Assert.Equal(MessageStatus.Read, await sut.GetStatusAsync("wamid.race", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyStatusAsync_SameStatusAgain_IsNotApplied()
    {
        var delivered = new MessageStatusUpdate("wamid.twice", new UserIdentifiers("15550001111", null), MessageStatus.Delivered, Monday, []);
        await sut.ApplyStatusAsync(delivered, CancellationToken.None);

        var change = await sut.ApplyStatusAsync(delivered, CancellationToken.None);

        Assert.Equal(new DeliveryStatusChange(false, MessageStatus.Delivered), change);
    }

    [Fact]
    public async Task PruneAsync_RowsWrittenBeforeTheCutoff_AreDeleted()
    {
        await sut.MarkProcessedAsync("wamid.old", CancellationToken.None);
        await sut.RecordInboundAsync("15550009999", DateTimeOffset.UnixEpoch, CancellationToken.None);
        await sut.ApplyStatusAsync(new MessageStatusUpdate("wamid.out", new UserIdentifiers("15550009999", null), MessageStatus.Read, DateTimeOffset.UnixEpoch, []), CancellationToken.None);

        var pruned = await sut.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        Assert.Equal(3, pruned);
        Assert.False(await sut.IsProcessedAsync("wamid.old", CancellationToken.None));
        Assert.Null(await sut.GetLastInboundAtAsync("15550009999", CancellationToken.None));
        Assert.Null(await sut.GetStatusAsync("wamid.out", CancellationToken.None));
    }

    [Fact]
    public async Task PruneAsync_RowsWrittenAfterTheCutoff_AreKept()
    {
        await sut.MarkProcessedAsync("wamid.recent", CancellationToken.None);

        var pruned = await sut.PruneAsync(DateTimeOffset.UtcNow.AddDays(-8), CancellationToken.None);

        Assert.Equal(0, pruned);
        Assert.True(await sut.IsProcessedAsync("wamid.recent", CancellationToken.None));
    }
}

using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

/// <summary>The prune against Azurite: rows are judged by the table's own last-write time.</summary>
public sealed class MessageLedgerPruneJobTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;
    private MessageLedger ledger = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync();
        ledger = harness.Get<MessageLedger>();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task PruneAsync_RowsWrittenBeforeTheCutoff_AreDeleted()
    {
        await ledger.MarkProcessedAsync("wamid.old", CancellationToken.None);
        await ledger.RecordInboundAsync("15550009999", DateTimeOffset.UnixEpoch, CancellationToken.None);
        await ledger.ApplyStatusAsync(new MessageStatusUpdate("wamid.out", "15550009999", MessageStatus.Read, DateTimeOffset.UnixEpoch, []), CancellationToken.None);

        var pruned = await ledger.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        Assert.Equal(3, pruned);
        Assert.False(await ledger.IsProcessedAsync("wamid.old", CancellationToken.None));
        Assert.Null(await ledger.GetLastInboundAtAsync("15550009999", CancellationToken.None));
        Assert.Null(await ledger.GetStatusAsync("wamid.out", CancellationToken.None));
    }

    [Fact]
    public async Task PruneAsync_RowsWrittenAfterTheCutoff_AreKept()
    {
        await ledger.MarkProcessedAsync("wamid.recent", CancellationToken.None);

        var pruned = await ledger.PruneAsync(DateTimeOffset.UtcNow.AddDays(-8), CancellationToken.None);

        Assert.Equal(0, pruned);
        Assert.True(await ledger.IsProcessedAsync("wamid.recent", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_DefaultRetention_KeepsWhatMetaCouldStillRetry()
    {
        await ledger.MarkProcessedAsync("wamid.today", CancellationToken.None);
        var sut = harness.Get<MessageLedgerPruneJob>();

        await sut.RunAsync(CancellationToken.None);

        Assert.True(await ledger.IsProcessedAsync("wamid.today", CancellationToken.None));
    }
}

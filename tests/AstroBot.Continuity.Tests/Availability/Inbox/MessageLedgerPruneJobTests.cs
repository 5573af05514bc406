using AstroBot.Continuity.Availability.Inbox;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

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
    public async Task RunAsync_DefaultRetention_KeepsWhatMetaCouldStillRetry()
    {
        await ledger.MarkProcessedAsync("wamid.today", CancellationToken.None);
        var sut = harness.Get<MessageLedgerPruneJob>();

        await sut.RunAsync(CancellationToken.None);

        Assert.True(await ledger.IsProcessedAsync("wamid.today", CancellationToken.None));
    }
}

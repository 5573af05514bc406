using AstroBot.Continuity.Availability.FrontDoor;

namespace AstroBot.Continuity.Tests.Availability.FrontDoor;

public sealed class WebhookInboxTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;
    private WebhookInbox sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync();
        sut = harness.Get<WebhookInbox>();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task RecordAsync_BodyAtTheInlineLimit_FitsInOneQueueMessage()
    {
        // Azurite refuses messages over 64 KiB like Azure does: this proves the inline arithmetic.
        var body = new byte[WebhookInbox.MaxInlineBodyBytes];
        Random.Shared.NextBytes(body);

        var claimCheck = await sut.RecordAsync(body, CancellationToken.None);

        Assert.False(claimCheck);
        var envelope = WebhookEnvelope.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)));
        Assert.Equal(body, envelope.Body);
    }

    [Fact]
    public async Task RecordAsync_BodyOneByteOverTheInlineLimit_GoesThroughTheClaimCheck()
    {
        var body = new byte[WebhookInbox.MaxInlineBodyBytes + 1];
        Random.Shared.NextBytes(body);

        var claimCheck = await sut.RecordAsync(body, CancellationToken.None);

        Assert.True(claimCheck);
        var envelope = WebhookEnvelope.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)));
        Assert.NotNull(envelope.Blob);
        Assert.Equal(body, await harness.Get<ClaimCheckStore>().ReadAsync(envelope.Blob, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_InlineAndClaimCheckBodies_NeverExpireOnTheQueue()
    {
        await sut.RecordAsync(new byte[16], CancellationToken.None);
        await sut.RecordAsync(new byte[WebhookInbox.MaxInlineBodyBytes + 1], CancellationToken.None);

        Assert.Equal(2, (await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)).Count);
        await FrontDoorHarness.AssertNoneExpiresAsync(harness.InboxQueue);
    }
}

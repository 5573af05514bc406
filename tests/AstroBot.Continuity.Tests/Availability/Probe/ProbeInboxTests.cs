using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Availability.FrontDoor;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Probe;

/// <summary>
/// The inbox and the front door with the probe user's messages, on Azurite, wired as both hosts wire them: the probe's
/// own are recorded and never reach the bot's queue, the Graph API, the identity directory or the ledger; forged and
/// malformed ones record nothing and are never routed either.
/// </summary>
public sealed class ProbeInboxTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SentAt = TimeProvider.System.GetUtcNow().AddSeconds(-5);

    private FrontDoorHarness harness = null!;
    private ProbeTable table = null!;
    private InboxProcessor sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync(ProbeWebhooks.Settings());
        table = harness.Get<ProbeTable>();
        sut = harness.Get<InboxProcessor>();
    }

    public async Task DisposeAsync()
    {
        await harness.Get<StorageClients>().Tables.DeleteTableAsync(harness.Get<IOptions<ProbeOptions>>().Value.ProbeTableName);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task ProcessAsync_TheProbesMessage_MarksItsRunHandedOverHereAndNothingElse()
    {
        var wamid = await StartRunAsync();

        await sut.ProcessAsync(ProbeWebhooks.Envelope(ProbeWebhooks.Text(wamid, SentAt), SentAt), CancellationToken.None);

        var handOver = await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None);
        Assert.Equal(ProbeWebhooks.Region, handOver?.Region);
        await AssertNotRoutedAsync();
        Assert.False(await harness.Get<MessageLedger>().IsProcessedAsync(wamid, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_TheProbeWritesHelp_IsNotAnswered()
    {
        var wamid = await StartRunAsync();

        await sut.ProcessAsync(ProbeWebhooks.Envelope(ProbeWebhooks.Text(wamid, SentAt, "HELP"), SentAt), CancellationToken.None);

        Assert.NotNull(await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
        await AssertNotRoutedAsync();
    }

    [Fact]
    public async Task ProcessAsync_TheProbesMessageDeliveredTwice_KeepsTheFirstHandOver()
    {
        var wamid = await StartRunAsync();
        var envelope = ProbeWebhooks.Envelope(ProbeWebhooks.Text(wamid, SentAt), SentAt);
        await sut.ProcessAsync(envelope, CancellationToken.None);
        var first = await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None);

        await sut.ProcessAsync(envelope, CancellationToken.None);

        Assert.Equal(first, await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
        await AssertNotRoutedAsync();
    }

    [Fact]
    public async Task ProcessAsync_AForgedProbeNoRunSent_RecordsNothingAndRoutesNothing()
    {
        var forged = ProbeWamid.Create(SentAt); // the probe's shape, but no run wrote its row

        await sut.ProcessAsync(ProbeWebhooks.Envelope(ProbeWebhooks.Text(forged, SentAt), SentAt), CancellationToken.None);

        Assert.Empty(await table.ReadDayAsync(ProbeTable.PartitionOf(SentAt), CancellationToken.None));
        await AssertNotRoutedAsync();
    }

    [Theory]
    [InlineData(ProbeOptions.DefaultProbeWaId, null)]
    [InlineData(null, ProbeOptions.DefaultProbeBsuid)]
    [InlineData(ProbeOptions.DefaultProbeWaId, "US.13491208655302741918")] // the probe's number with someone's BSUID
    [InlineData("15550002222", ProbeOptions.DefaultProbeBsuid)] // someone's number with the probe's BSUID
    public async Task ProcessAsync_ProbeIdentifiersWithAnyOtherMessageId_RecordNothingAndRouteNothing(string? phone, string? bsuid)
    {
        var body = ProbeWebhooks.Text("wamid.HBgLMTU1NTAwMDIyMjIVAgASGBQzQTdFRkY0QzE2", SentAt, "hello", new UserIdentifiers(phone, bsuid));

        await sut.ProcessAsync(ProbeWebhooks.Envelope(body, SentAt), CancellationToken.None);

        Assert.Empty(await table.ReadDayAsync(ProbeTable.PartitionOf(SentAt), CancellationToken.None));
        await AssertNotRoutedAsync();
        var directory = harness.Get<IdentityDirectory>();
        Assert.Null(await directory.GetLinkAsync(new Identifier(IdentifierKind.Bsuid, "US.13491208655302741918"), CancellationToken.None));
        Assert.Null(await directory.GetLinkAsync(new Identifier(IdentifierKind.Phone, "15550002222"), CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_TheProbeWithOddContent_IsRecordedNotRouted()
    {
        var wamid = await StartRunAsync();

        await sut.ProcessAsync(ProbeWebhooks.Envelope(ProbeWebhooks.OddContent(wamid, SentAt), SentAt), CancellationToken.None);

        Assert.NotNull(await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
        await AssertNotRoutedAsync();
    }

    [Fact]
    public async Task ProcessAsync_TheProbeThenAUser_RoutesOnlyTheUser()
    {
        var wamid = await StartRunAsync();
        var probe = ProbeWebhooks.Text(wamid, SentAt);
        await sut.ProcessAsync(ProbeWebhooks.Envelope(probe, SentAt), CancellationToken.None);
        await sut.ProcessAsync(ProbeWebhooks.Envelope(WebhookJson.Text("wamid.user.1", "What does my chart say?"), SentAt), CancellationToken.None);

        var routed = Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.Equal("wamid.user.1", ((BotInboundMessage)BotQueueMessage.FromQueueText(routed)).Wamid);
        Assert.NotNull(await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_AChangeOfNumberNamingTheProbe_IsIgnored()
    {
        var toProbe = InboundWebhookComposer.NumberChanged(
            FrontDoorHarness.PhoneNumberId, new UserIdentifiers("15550003333", "US.1"), new UserIdentifiers(ProbeOptions.DefaultProbeWaId, "US.2"),
            "someone", "wamid.change.1", SentAt);
        var fromProbe = InboundWebhookComposer.NumberChanged(
            FrontDoorHarness.PhoneNumberId, new UserIdentifiers(ProbeOptions.DefaultProbeWaId, ProbeOptions.DefaultProbeBsuid),
            new UserIdentifiers("15550004444", "US.3"), "probe", "wamid.change.2", SentAt);

        await sut.ProcessAsync(ProbeWebhooks.Envelope(toProbe, SentAt), CancellationToken.None);
        await sut.ProcessAsync(ProbeWebhooks.Envelope(fromProbe, SentAt), CancellationToken.None);

        await AssertNotRoutedAsync();
        var directory = harness.Get<IdentityDirectory>();
        foreach (var identifier in new[] { "15550003333", "15550004444" })
        {
            Assert.Null(await directory.GetLinkAsync(new Identifier(IdentifierKind.Phone, identifier), CancellationToken.None));
        }
    }

    [Fact]
    public async Task HandleDeliveryAsync_AForgedProbeWithABadSignature_Is401AndNothingIsRecorded()
    {
        var wamid = await StartRunAsync();
        var body = ProbeWebhooks.Text(wamid, SentAt);
        var forger = new WebhookSignature("not-the-app-secret");

        var result = await harness.Get<WebhookEndpoint>().HandleDeliveryAsync(HttpRequests.Post(body, forger.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        Assert.Null(await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
    }

    [Fact]
    public async Task HandleDeliveryAsync_AMalformedProbe_Is400AsAnyMalformedWebhookAndNothingIsRecorded()
    {
        var body = ProbeWebhooks.WithoutId(SentAt);

        var result = await harness.Get<WebhookEndpoint>().HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_TheProbeWithOddContentAndAGoodSignature_IsAcknowledgedThenRecordedNotRouted()
    {
        var wamid = await StartRunAsync();
        var body = ProbeWebhooks.OddContent(wamid, SentAt);

        var result = await harness.Get<WebhookEndpoint>().HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);
        Assert.Equal(StatusCodes.Status200OK, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        await sut.ProcessAsync(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)), CancellationToken.None);

        Assert.NotNull(await table.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
        await AssertNotRoutedAsync();
    }

    private async Task<string> StartRunAsync()
    {
        var wamid = ProbeWamid.Create(SentAt);
        await table.StartAsync(wamid, SentAt, "region-a", CancellationToken.None);
        return wamid;
    }

    /// <summary>Nothing reached the bot's queue or the Graph API, and the directory and ledger never heard of the probe user.</summary>
    private async Task AssertNotRoutedAsync()
    {
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.Empty(harness.Sink.Messages);
        var directory = harness.Get<IdentityDirectory>();
        Assert.Null(await directory.GetLinkAsync(new Identifier(IdentifierKind.Phone, ProbeOptions.DefaultProbeWaId), CancellationToken.None));
        Assert.Null(await directory.GetLinkAsync(new Identifier(IdentifierKind.Bsuid, ProbeOptions.DefaultProbeBsuid), CancellationToken.None));
        Assert.Null(await harness.Get<MessageLedger>().GetLastInboundAtAsync(ProbeOptions.DefaultProbeWaId, CancellationToken.None));
    }
}

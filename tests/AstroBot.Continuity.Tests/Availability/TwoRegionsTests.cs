using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability;

/// <summary>
/// Two regions as bicep deploys them: each records webhooks in its own inbox (its region's account) and both share the
/// app's account (the ledger, the identity directory, the bot's queue). A webhook acknowledged by one region and
/// redelivered by Meta to the other after a failover is handed to the bot, or answered, once.
/// </summary>
public sealed class TwoRegionsTests : IAsyncLifetime
{
    private FrontDoorHarness primary = null!;
    private FrontDoorHarness secondary = null!;

    public async Task InitializeAsync()
    {
        primary = await FrontDoorHarness.StartAsync(new Dictionary<string, string?>
        {
            // The region's own account: locally the same Azurite account, which keeps the inbox queues apart by name.
            ["Storage:RegionConnectionString"] = EmulatorEndpoints.StorageConnectionString,
        });
        secondary = await FrontDoorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:RegionConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["FrontDoor:BotQueueName"] = primary.Options.BotQueueName,
            ["FrontDoor:LedgerTableName"] = primary.Options.LedgerTableName,
            ["Outbox:TableName"] = primary.Get<ReplyOutbox>().TableName,
            ["Identity:DirectoryTableName"] = primary.Get<IOptions<IdentityOptions>>().Value.DirectoryTableName,
        });
    }

    public async Task DisposeAsync()
    {
        await secondary.DisposeAsync();
        await primary.DisposeAsync();
    }

    [Fact]
    public async Task Redelivery_AcknowledgedInEachRegion_IsHandedToTheBotOnce()
    {
        var webhook = WebhookJson.Text("wamid.failover-" + Guid.NewGuid().ToString("N"), "What does my chart say?");

        await primary.Get<WebhookInbox>().RecordAsync(webhook, CancellationToken.None);
        await secondary.Get<WebhookInbox>().RecordAsync(webhook, CancellationToken.None);
        await DrainAsync(secondary);
        await DrainAsync(primary); // the primary returns and works off what it acknowledged before it died

        Assert.Single(await FrontDoorHarness.PeekAllAsync(primary.BotQueue));
    }

    [Fact]
    public async Task Redelivery_OfACommandAcknowledgedInEachRegion_IsAnsweredOnce()
    {
        var webhook = WebhookJson.Text("wamid.failover-help-" + Guid.NewGuid().ToString("N"), "HELP", DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await primary.Get<WebhookInbox>().RecordAsync(webhook, CancellationToken.None);
        await secondary.Get<WebhookInbox>().RecordAsync(webhook, CancellationToken.None);
        await Task.WhenAll(DrainAsync(primary), DrainAsync(secondary));

        Assert.Equal(1, primary.Sink.Messages.Count + secondary.Sink.Messages.Count);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(primary.BotQueue));
    }

    /// <summary>Processes every message of the region's own inbox, as its queue trigger would.</summary>
    private static async Task DrainAsync(FrontDoorHarness region)
    {
        var processor = region.Get<InboxProcessor>();
        var messages = (await region.InboxQueue.ReceiveMessagesAsync(32)).Value;
        Assert.Single(messages); // each region's inbox holds what that region acknowledged, and only that
        foreach (var message in messages)
        {
            await processor.ProcessAsync(message.Body.ToString(), CancellationToken.None);
            await region.InboxQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}

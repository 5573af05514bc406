using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Availability;
using AstroBot.Continuity.Tests.Availability.Maintenance;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Tests.WhatsApp.Outbox;

/// <summary>
/// The Graph API down for minutes (on the fake clock), through the inbox as the hosts wire it, the reply outbox and its
/// drain, against Azurite and the Graph API sink (one attempt per send, as <see cref="FrontDoorHarness"/> sets it).
/// </summary>
public sealed class OutboxDrainJobTests : IAsyncLifetime
{
    private const string Alice = MaintenanceWorld.Alice;
    private const string Bob = MaintenanceWorld.Bob;

    private MaintenanceWorld world = null!;

    private OutboxDrainJob Sut => world.Harness.Get<OutboxDrainJob>();

    private GraphApiSink Sink => world.Harness.Sink;

    private ReplyOutbox Outbox => world.Harness.Get<ReplyOutbox>();

    public async Task InitializeAsync() => world = await MaintenanceWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public void Schedule_IsTheOutboxDrainSetting()
    {
        Assert.Equal((Schedules.OutboxDrain, "OutboxDrain", false), (Sut.Schedule, Sut.Name, Sut.CatchUpMissedRun));
        Assert.Equal("*/30 * * * * *", Schedules.OutboxDrain.DefaultExpression);
    }

    [Fact]
    public async Task DrainAsync_GraphAnswers500Then429ForMinutes_WebhookCompletesRepliesWaitInOrderAndGoAfterRecovery()
    {
        Sink.FailNext(500, null);
        await world.Processor.ProcessAsync(world.Text(Alice, "wamid.a1", "HELP"), CancellationToken.None);
        Assert.True(await world.Harness.Get<MessageLedger>().IsProcessedAsync("wamid.a1", CancellationToken.None));
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue));

        // A minute later the Graph API rate-limits the drain, and a second reply to Alice queues behind the first without a send.
        world.Time.Advance(TimeSpan.FromMinutes(1));
        Sink.FailNext(429, 130429);
        Assert.Equal(OutboxDrainOutcome.GraphUnavailable, (await Sut.DrainAsync(CancellationToken.None)).Outcome);
        var requests = Sink.RequestCount;
        var second = await world.Harness.Get<ReplySender>().SendTextAsync(Alice, MessageRecipient.ToPhone(Alice), "second reply", world.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(ReplyOutcome.Queued, second);
        Assert.Equal(requests, Sink.RequestCount);

        // Bob is not held up by Alice's replies.
        await world.Processor.ProcessAsync(world.Text(Bob, "wamid.b1", "HELP"), CancellationToken.None);
        Assert.Equal(HelpCommandHandler.HelpText, Assert.Single(Sink.MessagesTo(Bob)).Text);

        // Minutes more of 500s: each run tries once and stops, it does not hammer the Graph API.
        world.Time.Advance(TimeSpan.FromMinutes(2));
        Sink.FailNext(500, null);
        requests = Sink.RequestCount;
        Assert.Equal(OutboxDrainOutcome.GraphUnavailable, (await Sut.DrainAsync(CancellationToken.None)).Outcome);
        Assert.Equal(requests + 1, Sink.RequestCount);
        Assert.Empty(Sink.MessagesTo(Alice));

        var result = await Sut.DrainAsync(CancellationToken.None);

        Assert.Equal(new OutboxDrainResult(OutboxDrainOutcome.Drained, Sent: 2, Parked: 0, Unreachable: 0, UsersBusy: 0), result);
        Assert.Equal([HelpCommandHandler.HelpText, "second reply"], Sink.MessagesTo(Alice).Select(message => message.Text));
        Assert.Equal(0, (await Outbox.ReadStatusAsync(CancellationToken.None)).WaitingReplies);
        Assert.Equal(0, (await Sut.DrainAsync(CancellationToken.None)).Sent);
    }

    [Fact]
    public async Task DrainAsync_WindowClosedByTheTimeOfTheSend_SendsTheReconnectTemplate()
    {
        Sink.FailNext(503, null);
        await world.Processor.ProcessAsync(world.Text(Alice, "wamid.a1", "HELP"), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromHours(25));

        await Sut.DrainAsync(CancellationToken.None);

        var sent = Assert.Single(Sink.MessagesTo(Alice));
        Assert.Equal(("template", "astrobot_reconnect"), (sent.Type, sent.TemplateName));
    }

    [Fact]
    public async Task DrainAsync_UserWroteAgainAfterTheWindowClosed_SendsTheReplyItself()
    {
        Sink.FailNext(503, null);
        await world.Processor.ProcessAsync(world.Text(Alice, "wamid.a1", "HELP"), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromHours(25));
        await world.Processor.ProcessAsync(world.Text(Alice, "wamid.a2", "hello again"), CancellationToken.None);

        await Sut.DrainAsync(CancellationToken.None);

        Assert.Equal(HelpCommandHandler.HelpText, Assert.Single(Sink.MessagesTo(Alice)).Text);
    }

    [Fact]
    public async Task DrainAsync_TwoRegionsAtOnce_SendEachReplyOnceInOrder()
    {
        await using var otherRegion = await OtherRegionAsync();
        foreach (var user in new[] { Alice, Bob, "15550003003" })
        {
            for (var i = 1; i <= 5; i++)
            {
                await Outbox.AppendAsync(user, new TextMessage(MessageRecipient.ToPhone(user), $"{user} #{i}"), world.Time.GetUtcNow(), CancellationToken.None);
            }
        }

        var results = await Task.WhenAll(Sut.DrainAsync(CancellationToken.None), otherRegion.Get<OutboxDrainJob>().DrainAsync(CancellationToken.None));

        Assert.Equal(15, results.Sum(result => result.Sent));
        foreach (var user in new[] { Alice, Bob, "15550003003" })
        {
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{user} #{i}"), Sink.MessagesTo(user).Select(message => message.Text));
        }
    }

    [Fact]
    public async Task DrainAsync_UnreadableEntry_IsParkedKeptAndTheOthersGoOn()
    {
        var table = world.Harness.Get<StorageClients>().Tables.GetTableClient(Outbox.TableName);
        await table.AddEntityAsync(new TableEntity(OutboxKeys.PartitionOf(Alice), OutboxKeys.WaitingRow(world.Time.GetUtcNow().UtcTicks))
        {
            ["UserKey"] = Alice,
            ["Message"] = "{\"to\":\"" + Alice + "\",\"type\":",
        });
        await Outbox.AppendAsync(Alice, new TextMessage(MessageRecipient.ToPhone(Alice), "after the bad one"), world.Time.GetUtcNow(), CancellationToken.None);
        await Outbox.AppendAsync(Bob, new TextMessage(MessageRecipient.ToPhone(Bob), "for Bob"), world.Time.GetUtcNow(), CancellationToken.None);

        var result = await Sut.DrainAsync(CancellationToken.None);

        Assert.Equal((2, 1), (result.Sent, result.Parked));
        Assert.Equal(["after the bad one"], Sink.MessagesTo(Alice).Select(message => message.Text));
        Assert.Equal(["for Bob"], Sink.MessagesTo(Bob).Select(message => message.Text));
        var parked = Assert.Single(await table.QueryAsync<TableEntity>(row => row.RowKey.CompareTo("p-") >= 0 && row.RowKey.CompareTo("p.") < 0).ToListAsync());
        Assert.Equal("unreadable: The message is not JSON.", parked.GetString("ParkedReason"));
        var status = await Outbox.ReadStatusAsync(CancellationToken.None);
        Assert.Equal((0L, 1L), (status.WaitingReplies, status.ParkedReplies));
        Assert.Equal(0, (await Sut.DrainAsync(CancellationToken.None)).Parked); // kept, never tried again
    }

    [Fact]
    public async Task DrainAsync_MetaRefusesAnEntryForGood_ParksItAndSendsTheUsersNextOne()
    {
        await Outbox.AppendAsync(Alice, new TextMessage(MessageRecipient.ToPhone(Alice), "refused"), world.Time.GetUtcNow(), CancellationToken.None);
        await Outbox.AppendAsync(Alice, new TextMessage(MessageRecipient.ToPhone(Alice), "next"), world.Time.GetUtcNow(), CancellationToken.None);
        Sink.FailNext(400, 100);

        var result = await Sut.DrainAsync(CancellationToken.None);

        Assert.Equal((1, 1, OutboxDrainOutcome.Drained), (result.Sent, result.Parked, result.Outcome));
        Assert.Equal(["next"], Sink.MessagesTo(Alice).Select(message => message.Text));
    }

    [Fact]
    public async Task DrainAsync_AccessTokenRevoked_EveryReplyWaitsNoneIsParkedAndAllGoOnceRenewed()
    {
        Sink.FailNext(401, GraphApiException.AccessTokenInvalid, times: 2); // the reply itself, then the drain's first try
        await world.Processor.ProcessAsync(world.Text(Alice, "wamid.t1", "HELP"), CancellationToken.None);
        await Outbox.AppendAsync(Alice, new TextMessage(MessageRecipient.ToPhone(Alice), "next"), world.Time.GetUtcNow(), CancellationToken.None);

        var refused = await Sut.DrainAsync(CancellationToken.None);

        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue)); // the HELP's webhook completed
        Assert.Equal((OutboxDrainOutcome.GraphUnavailable, 0, 0), (refused.Outcome, refused.Sent, refused.Parked));
        Assert.Equal(2, (await Outbox.ReadStatusAsync(CancellationToken.None)).WaitingReplies);

        var renewed = await Sut.DrainAsync(CancellationToken.None); // the operator renewed the token

        Assert.Equal((2, 0), (renewed.Sent, renewed.Parked));
        Assert.Equal([HelpCommandHandler.HelpText, "next"], Sink.MessagesTo(Alice).Select(message => message.Text));
    }

    [Fact]
    public async Task DrainAsync_MoreThanTheRunMaySend_StopsAtTheCapOldestFirst()
    {
        await using var capped = await OtherRegionAsync(("Outbox:MaxSendsPerRun", "2"));
        for (var i = 1; i <= 3; i++)
        {
            await Outbox.AppendAsync(Alice, new TextMessage(MessageRecipient.ToPhone(Alice), $"#{i}"), world.Time.GetUtcNow(), CancellationToken.None);
        }

        var result = await capped.Get<OutboxDrainJob>().DrainAsync(CancellationToken.None);

        Assert.Equal((OutboxDrainOutcome.OutOfTime, 2), (result.Outcome, result.Sent));
        Assert.Equal(["#1", "#2"], Sink.MessagesTo(Alice).Select(message => message.Text));
        Assert.Equal(1, (await Outbox.ReadStatusAsync(CancellationToken.None)).WaitingReplies);
    }

    /// <summary>Another host on the same shared tables and the same Graph API sink (the other region), on the same clock.</summary>
    private Task<FrontDoorHarness> OtherRegionAsync(params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["FrontDoor:LedgerTableName"] = world.Harness.Options.LedgerTableName,
            ["Outbox:TableName"] = Outbox.TableName,
            ["WhatsApp:GraphApiBaseUrl"] = Sink.BaseUri.ToString(),
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        return FrontDoorHarness.StartAsync(overrides, world.Time);
    }
}

using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Tests.Availability.Maintenance;
using AstroBot.Continuity.Tests.Availability.Probe;
using AstroBot.Continuity.WhatsApp.Outbox;

namespace AstroBot.Continuity.Tests.Availability.Incidents;

/// <summary>
/// Users who wrote during an incident, through the real inbox, and the "resolved" notice: once per user across runs,
/// never to the probe, retried after Meta refused one, through the reply outbox while the Graph API is down, sent in
/// bounded batches.
/// </summary>
public sealed class IncidentNoticeJobTests : IAsyncLifetime
{
    private const string Notice = "All good again; your messages were kept.";

    private MaintenanceWorld world = null!;

    private IncidentNoticeJob Sut => world.Harness.Get<IncidentNoticeJob>();

    private IncidentControl Control => world.Harness.Get<IncidentControl>();

    public async Task InitializeAsync() => world = await IncidentWorlds.StartAsync(new Dictionary<string, string?>
    {
        ["Incidents:ResolvedNotice"] = Notice,
        ["Incidents:NoticeBatchSize"] = "2",
    });

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task NotifyAsync_TwoUsersWroteDuringAResolvedIncident_EachIsToldOnceAndTheirMessagesReachTheBot()
    {
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        await WriteAsync(MaintenanceWorld.Alice, "wamid.i1");
        await WriteAsync(MaintenanceWorld.Alice, "wamid.i2");
        await WriteAsync(MaintenanceWorld.Bob, "wamid.i3");
        await Control.ResolveAsync(null, "ops", CancellationToken.None);

        var first = await Sut.NotifyAsync(CancellationToken.None);
        var second = await Sut.NotifyAsync(CancellationToken.None);

        Assert.Equal((2, false), (first.Sent, first.Failed));
        Assert.Equal(0, second.Sent);
        Assert.Equal([Notice], world.Harness.Sink.MessagesTo(MaintenanceWorld.Alice).Select(message => message.Text));
        Assert.Equal([Notice], world.Harness.Sink.MessagesTo(MaintenanceWorld.Bob).Select(message => message.Text));
        Assert.Equal(["wamid.i1", "wamid.i2", "wamid.i3"], (await world.BotMessagesAsync()).Select(message => message.Wamid));
        var status = await Control.StatusAsync(CancellationToken.None);
        Assert.Equal((2, 2), (status.UsersWrote, status.UsersTold));
    }

    [Fact]
    public async Task NotifyAsync_WhileTheIncidentIsOpen_TellsNobody()
    {
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        await WriteAsync(MaintenanceWorld.Alice, "wamid.i1");

        var result = await Sut.NotifyAsync(CancellationToken.None);

        Assert.Equal(0, result.Sent);
        Assert.Empty(world.Harness.Sink.MessagesTo(MaintenanceWorld.Alice));
    }

    [Fact]
    public async Task NotifyAsync_AUserWhoWroteOutsideTheIncident_IsNotTold()
    {
        await WriteAsync(MaintenanceWorld.Bob, "wamid.before");
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        await WriteAsync(MaintenanceWorld.Alice, "wamid.during");
        await Control.ResolveAsync(null, "ops", CancellationToken.None);
        await WriteAsync(MaintenanceWorld.Bob, "wamid.after");

        await Sut.NotifyAsync(CancellationToken.None);

        Assert.Single(world.Harness.Sink.MessagesTo(MaintenanceWorld.Alice));
        Assert.Empty(world.Harness.Sink.MessagesTo(MaintenanceWorld.Bob));
    }

    [Fact]
    public async Task NotifyAsync_MetaRefusesTheNotice_LogsGivesItBackAndTheNextRunSendsIt()
    {
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        await WriteAsync(MaintenanceWorld.Alice, "wamid.i1");
        await Control.ResolveAsync(null, "ops", CancellationToken.None);
        world.Harness.Sink.FailNext(400, graphErrorCode: 100, times: 1); // a refusal, not an outage: it does not wait in the outbox

        var failed = await Sut.NotifyAsync(CancellationToken.None);
        var retried = await Sut.NotifyAsync(CancellationToken.None);

        Assert.True(failed.Failed);
        Assert.Equal(0, failed.Sent);
        Assert.Equal(1, retried.Sent);
        Assert.Equal([Notice], world.Harness.Sink.MessagesTo(MaintenanceWorld.Alice).Select(message => message.Text));
    }

    [Fact]
    public async Task NotifyAsync_TheGraphApiDown_TheNoticeWaitsInTheOutboxAndItsDrainSendsIt()
    {
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        await WriteAsync(MaintenanceWorld.Alice, "wamid.i1");
        await Control.ResolveAsync(null, "ops", CancellationToken.None);
        world.Harness.Sink.FailNext(500, graphErrorCode: 2, times: 1);

        var run = await Sut.NotifyAsync(CancellationToken.None);
        var again = await Sut.NotifyAsync(CancellationToken.None);

        Assert.Equal((1, false), (run.Sent, run.Failed)); // handed to the outbox: told, once
        Assert.Equal(0, again.Sent);
        Assert.Empty(world.Harness.Sink.MessagesTo(MaintenanceWorld.Alice));
        await world.Harness.Get<OutboxDrainJob>().DrainAsync(CancellationToken.None);
        Assert.Equal([Notice], world.Harness.Sink.MessagesTo(MaintenanceWorld.Alice).Select(message => message.Text));
    }

    [Fact]
    public async Task NotifyAsync_MoreUsersThanABatch_TellsABatchPerRunAndSettlesAfterTheLast()
    {
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        string[] users = ["15550002101", "15550002102", "15550002103"];
        for (var i = 0; i < users.Length; i++)
        {
            await WriteAsync(users[i], $"wamid.batch{i}");
        }

        await Control.ResolveAsync(null, "ops", CancellationToken.None);

        var first = await Sut.NotifyAsync(CancellationToken.None);
        var second = await Sut.NotifyAsync(CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(2));
        await Sut.NotifyAsync(CancellationToken.None);

        Assert.Equal((2, 1), (first.Sent, second.Sent));
        Assert.All(users, user => Assert.Single(world.Harness.Sink.MessagesTo(user)));
        Assert.Empty(await world.Harness.Get<IncidentStore>().PendingNoticesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ProbeMessages_DuringAnIncident_AreNeverRecordedNorTold()
    {
        await Control.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        var probe = world.Harness.Get<ProbeTable>();
        var sentAt = world.Time.GetUtcNow();
        var wamid = ProbeWamid.Create(sentAt);
        await probe.StartAsync(wamid, sentAt, "local", CancellationToken.None);
        await world.Processor.ProcessAsync(ProbeWebhooks.Envelope(ProbeWebhooks.Text(wamid, sentAt), sentAt), CancellationToken.None);
        await Control.ResolveAsync(null, "ops", CancellationToken.None);

        await Sut.NotifyAsync(CancellationToken.None);

        Assert.Equal(0, (await Control.StatusAsync(CancellationToken.None)).UsersWrote);
        Assert.Empty(world.Harness.Sink.Messages);
        await probe.Client.DeleteAsync();
    }

    private Task WriteAsync(string user, string wamid) =>
        world.Processor.ProcessAsync(world.Text(user, wamid, "when is my reading?"), CancellationToken.None);
}

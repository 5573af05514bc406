using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Status;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.WhatsApp.Outbox;

namespace AstroBot.Continuity.Tests.Availability.Status;

public sealed class StatusVerdictTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_EverythingMeasuredWorks_IsOperational()
    {
        var sut = StatusVerdict.Of(Parts(), 90);

        Assert.Equal(OverallState.Operational, sut.Overall);
        Assert.Empty(sut.Unknown);
        Assert.Equal(ComponentState.Operational, sut.Components.Single(component => component.Id == "whatsapp_replies").State);
    }

    [Fact]
    public void Of_RepliesWaitingInTheOutbox_IsDegradedAndCountsThemOnly()
    {
        var waiting = new OutboxStatus(Now, "replyoutbox", 1234, 7, Now.AddMinutes(-5), TimeSpan.FromMinutes(5), 0);

        var sut = StatusVerdict.Of(Parts() with { Replies = waiting }, 90);

        var replies = sut.Components.Single(component => component.Id == "whatsapp_replies");
        Assert.Equal(ComponentState.Degraded, replies.State);
        Assert.Contains("1,234 wait", replies.Detail, StringComparison.Ordinal);
        Assert.Equal(OverallState.Degraded, sut.Overall);
    }

    [Fact]
    public void Of_TheLatestProbeNotAcknowledged_IsAnOutage()
    {
        var sut = StatusVerdict.Of(Parts() with { Probe = View(Probe(acknowledged: false, handedOver: false)) }, 90);

        Assert.Equal(OverallState.Outage, sut.Overall);
        Assert.Equal(ComponentState.Down, sut.Components[0].State);
    }

    [Fact]
    public void Of_AnOpenIncident_IsDegradedAndShowsIt()
    {
        var incident = new Incident("id-1", Now.AddMinutes(-5), "ops", "Replies are delayed.", Now.AddMinutes(-5));

        var sut = StatusVerdict.Of(Parts() with { Incident = new Read<Incident>(incident) }, 90);

        Assert.Equal(OverallState.Degraded, sut.Overall);
        Assert.Equal("Replies are delayed.", sut.Incident!.Message);
        Assert.Equal(IncidentState.Open, sut.Incident.State);
    }

    [Fact]
    public void Of_AnIncidentResolvedTwoDaysAgo_IsNoLongerShown()
    {
        var incident = new Incident("id-1", Now.AddDays(-3), "ops", "Replies were delayed.", Now.AddDays(-3), ResolvedAt: Now.AddDays(-2));

        var sut = StatusVerdict.Of(Parts() with { Incident = new Read<Incident>(incident) }, 90);

        Assert.Null(sut.Incident);
        Assert.Equal(OverallState.Operational, sut.Overall);
    }

    [Fact]
    public void Of_AnActiveMaintenanceWindow_IsMaintenance()
    {
        var window = new MaintenanceWindow("w-1", Now.AddMinutes(-1), Now.AddHours(1), "Back at 09:00 UTC.", "ops");

        var sut = StatusVerdict.Of(Parts() with { Maintenance = new Read<MaintenanceWindow>(window) }, 90);

        Assert.Equal(OverallState.Maintenance, sut.Overall);
        Assert.Equal("Back at 09:00 UTC.", sut.Maintenance!.Message);
    }

    [Fact]
    public void Of_NothingCouldBeRead_SaysWhatIsUnknownAndNeverOperational()
    {
        var sut = StatusVerdict.Of(new StatusParts(Now, null, null, null, null, null, null, null), 90);

        Assert.Equal(OverallState.Unknown, sut.Overall);
        Assert.Equal(["incident", "maintenance", "uptime"], sut.Unknown);
        Assert.All(sut.Components, component => Assert.Equal(ComponentState.Unknown, component.State));
        Assert.Equal(90, sut.Uptime.Daily.Count);
        Assert.False(sut.Uptime.Known);
    }

    [Fact]
    public void Of_AStaleProbeRecord_IsUnknownNotOperational()
    {
        var stale = Probe(acknowledged: true, handedOver: true) with { SentAt = Now.AddMinutes(-30) };

        var sut = StatusVerdict.Of(Parts() with { Probe = View(stale) }, 90);

        Assert.Equal(ComponentState.Unknown, sut.Components[0].State);
        Assert.Equal(OverallState.Unknown, sut.Overall);
    }

    private static StatusParts Parts() =>
        new(Now, View(Probe(acknowledged: true, handedOver: true)), new Read<Incident>(null), new Read<MaintenanceWindow>(null), new QueueCounts(0, 0, 0), true,
            new BackupHealthReport("db", Now, null, null, null, null, []), new OutboxStatus(Now, "replyoutbox", 0, 0, null, null, 0));

    private static ProbeView View(ProbeRecord latest) => new(UptimeCalculator.Compute([latest], DateOnly.FromDateTime(Now.UtcDateTime), 90), latest);

    private static ProbeRecord Probe(bool acknowledged, bool handedOver) =>
        new("wamid.probe", Now.AddMinutes(-1), "region-a", true, acknowledged, acknowledged ? 200 : 503, 10, handedOver, handedOver ? 100 : null, null, acknowledged && handedOver, null);
}

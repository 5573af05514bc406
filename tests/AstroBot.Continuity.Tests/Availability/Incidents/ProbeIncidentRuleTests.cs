using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Tests.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Incidents;

/// <summary>The probe's incident rule: N failures in a row open, M successes in a row resolve only the probe's own incident.</summary>
public sealed class ProbeIncidentRuleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private MaintenanceWorld world = null!;

    public async Task InitializeAsync() => world = await IncidentWorlds.StartAsync();

    public async Task DisposeAsync()
    {
        await world.Harness.Get<ProbeTable>().Client.DeleteAsync();
        await world.DisposeAsync();
    }

    [Theory]
    [InlineData("DDD", ProbeIncidentDecision.Open)]
    [InlineData("UDD", ProbeIncidentDecision.None)]
    [InlineData("DDUD", ProbeIncidentDecision.None)]
    [InlineData("DD", ProbeIncidentDecision.None)]
    [InlineData("", ProbeIncidentDecision.None)]
    public void Decide_NothingOpen_OpensOnlyAfterThreeFailuresInARow(string records, ProbeIncidentDecision expected)
    {
        Assert.Equal(expected, ProbeIncidentRule.Decide(Records(records), current: null, openAfter: 3, resolveAfter: 5));
    }

    [Theory]
    [InlineData("probe", "UUUUU", ProbeIncidentDecision.Resolve)]
    [InlineData("probe", "UUUU", ProbeIncidentDecision.None)]
    [InlineData("probe", "UUUUDUUUU", ProbeIncidentDecision.None)]
    [InlineData("ops", "UUUUUUUUUU", ProbeIncidentDecision.None)]
    [InlineData("alert", "UUUUUUUUUU", ProbeIncidentDecision.None)]
    public void Decide_AnIncidentOpen_ResolvesOnlyItsOwnAfterFiveSuccessesInARow(string openedBy, string records, ProbeIncidentDecision expected)
    {
        var open = new Incident("20270115T080000Z-00000000", Start, openedBy, "Down.", Start);

        Assert.Equal(expected, ProbeIncidentRule.Decide(Records(records), open, openAfter: 3, resolveAfter: 5));
    }

    [Fact]
    public void Decide_TheProbesIncidentWithAnAlertStillFiring_StaysOpen()
    {
        var open = new Incident("20270115T080000Z-00000000", Start, IncidentOpeners.Probe, "Down.", Start, FiringAlerts: ["burn-rate-fast"]);

        Assert.Equal(ProbeIncidentDecision.None, ProbeIncidentRule.Decide(Records("UUUUUU"), open, openAfter: 3, resolveAfter: 5));
    }

    [Fact]
    public async Task ApplyAsync_AFlappingProbe_OpensOnceAndResolvesOnlyAfterFiveSuccessesInARow()
    {
        // Down three times, then up and down in turn for an hour, then up for good: one incident, resolved at the fifth up.
        var sut = world.Harness.Get<ProbeIncidentRule>();
        var control = world.Harness.Get<IncidentControl>();
        var pattern = "DDD" + string.Concat(Enumerable.Repeat("UD", 30)) + "UUUUU";
        var openedAt = new List<int>();
        var resolvedAt = new List<int>();
        for (var minute = 0; minute < pattern.Length; minute++)
        {
            await RecordAsync(pattern[minute] == 'U');
            var decision = await sut.ApplyAsync(CancellationToken.None);
            (decision == ProbeIncidentDecision.Open ? openedAt : decision == ProbeIncidentDecision.Resolve ? resolvedAt : []).Add(minute);
            world.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([2], openedAt);
        Assert.Equal([pattern.Length - 1], resolvedAt);
        var status = await control.StatusAsync(CancellationToken.None);
        var incident = Assert.Single(status.Recent);
        Assert.Equal(IncidentSource.Probe, incident.Source);
        Assert.Equal(IncidentOpeners.Probe, incident.ResolvedBy);
    }

    [Fact]
    public async Task ApplyAsync_AnOperatorsIncident_IsNeitherReplacedNorResolvedByTheProbe()
    {
        var sut = world.Harness.Get<ProbeIncidentRule>();
        var control = world.Harness.Get<IncidentControl>();
        var opened = await control.OpenAsync("We are moving the database.", "ops", CancellationToken.None);
        foreach (var up in new[] { false, false, false, true, true, true, true, true, true })
        {
            await RecordAsync(up);
            await sut.ApplyAsync(CancellationToken.None);
            world.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var status = await control.StatusAsync(CancellationToken.None);
        Assert.True(status.Open);
        Assert.Equal(opened.Incident, status.Incident);
    }

    private async Task RecordAsync(bool up)
    {
        var table = world.Harness.Get<ProbeTable>();
        var sentAt = world.Time.GetUtcNow();
        var wamid = ProbeWamid.Create(sentAt);
        await table.StartAsync(wamid, sentAt, "region-a", CancellationToken.None);
        await table.CompleteAsync(Record(wamid, sentAt, up), CancellationToken.None);
    }

    private static ProbeRecord[] Records(string pattern) =>
        [.. pattern.Select((kind, index) => Record(ProbeWamid.Create(Start.AddMinutes(index)), Start.AddMinutes(index), kind == 'U'))];

    private static ProbeRecord Record(string wamid, DateTimeOffset sentAt, bool up) =>
        new(wamid, sentAt, "region-a", true, up, up ? 200 : 503, 12, up, up ? 300 : null, up ? "region-a" : null, up, up ? null : "the endpoint answered 503");
}

using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Status;
using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Status;

public sealed class RecoveryStatusTests
{
    // The restore drill's default schedule: the 1st of each month at 06:00 UTC.
    private static readonly IConfiguration Defaults = new ConfigurationBuilder().Build();

    private readonly RecoveryOptions options = new();

    [Fact]
    public void Of_ARecentPassedRestoreDrill_IsHealthyForDataCorruptionAndDueNextMonth()
    {
        var sut = RecoveryStatus.Of(options, [DrillRecords.Passed()], Defaults, DrillRecords.Start.AddDays(10));

        var scenario = sut.Scenarios.Single(status => status.Scenario == "DataCorruption");
        Assert.Equal(DrillKind.Restore, scenario.Kind);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero), scenario.NextDue);
        Assert.False(scenario.Overdue);
        Assert.True(scenario.Healthy);
        Assert.Equal("ok", scenario.Verdict);
    }

    [Fact]
    public void Of_ScenariosNoDrillCovers_SayNoDrillAndDoNotCount()
    {
        var sut = RecoveryStatus.Of(options, [], Defaults, DrillRecords.Start);

        var kekLost = sut.Scenarios.Single(status => status.Scenario == "KekLost");
        Assert.Null(kekLost.Kind);
        Assert.True(kekLost.Healthy);
        Assert.Equal("no drill", kekLost.Verdict);
        Assert.Equal(options.Objectives.Keys.Order(StringComparer.Ordinal), sut.Scenarios.Select(status => status.Scenario));
    }

    [Fact]
    public void Of_AKindNeverDrilled_IsOverdueAtOnce()
    {
        var sut = RecoveryStatus.Of(options, [], Defaults, DrillRecords.Start);

        var compute = sut.Scenarios.Single(status => status.Scenario == "RegionOutageCompute");
        Assert.Equal(DrillKind.Failover, compute.Kind);
        Assert.True(compute.Overdue);
        Assert.Equal("never drilled", compute.Verdict);
        Assert.False(sut.Healthy);
    }

    [Theory]
    [InlineData(31, false)] // due 2027-01-01 06:00, within the day of grace
    [InlineData(32, true)] // 2027-01-02 06:00 plus a minute: past due and grace
    public void Of_APassedDrill_IsOverdueOnlyPastItsNextOccurrenceAndTheGrace(int days, bool overdue)
    {
        var now = DrillRecords.Start.AddDays(days).AddMinutes(1);

        var sut = RecoveryStatus.Of(options, [DrillRecords.Passed()], Defaults, now);

        Assert.Equal(overdue, sut.Scenarios.Single(status => status.Scenario == "DataCorruption").Overdue);
    }

    [Fact]
    public void Of_ANewerFailedDrill_DecidesOverAnOlderPass()
    {
        var history = new[] { DrillRecords.Passed(DrillRecords.Start.AddDays(-31)), DrillRecords.Failed() };

        var sut = RecoveryStatus.Of(options, history, Defaults, DrillRecords.Start.AddDays(1));

        var scenario = sut.Scenarios.Single(status => status.Scenario == "DataCorruption");
        Assert.Equal(DrillState.Failed, scenario.LastDrill?.State);
        Assert.False(scenario.Healthy);
        Assert.Equal("failed", scenario.Verdict);
    }

    [Fact]
    public void Of_ARunningDrill_IsNotTheLastDrill()
    {
        var running = new DrillRecord("20261215T060000Z-drill-restore-00000002", DrillKind.Restore, "DataCorruption", "cli", DrillRecords.Start.AddDays(14), DrillRecords.DataCorruption);

        var sut = RecoveryStatus.Of(options, [DrillRecords.Passed(), running], Defaults, DrillRecords.Start.AddDays(15));

        Assert.Equal(DrillRecords.Passed().DrillId, sut.Scenarios.Single(status => status.Scenario == "DataCorruption").LastDrill?.DrillId);
    }

    [Fact]
    public void Of_AConfiguredSchedule_IsTheOneDueDatesFollow()
    {
        var weekly = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RestoreDrillSchedule"] = "0 0 6 * * 1" }).Build();

        var sut = RecoveryStatus.Of(options, [DrillRecords.Passed()], weekly, DrillRecords.Start.AddDays(1));

        // 2026-12-01 is a Tuesday: the next Monday is the 7th.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), sut.Scenarios.Single(status => status.Scenario == "DataCorruption").NextDue);
    }
}

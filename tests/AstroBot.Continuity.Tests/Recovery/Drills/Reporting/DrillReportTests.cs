using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Reporting;

public sealed class DrillReportTests
{
    [Fact]
    public void Of_APassedDrill_TimesEachStepFromTheStartAndMeetsBothObjectives()
    {
        var sut = DrillReport.Of(DrillRecords.Passed());

        Assert.Equal([1, 2, 9], sut.Timeline.Select(step => step.Offset.TotalSeconds));
        Assert.Equal([1, 7, 3], sut.Timeline.Select(step => step.Duration.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(12), sut.Duration);
        Assert.Equal(TimeSpan.FromSeconds(12), sut.Span);
        Assert.True(sut.Rto.Met);
        Assert.True(sut.Rpo.Met);
        Assert.Equal(TimeSpan.FromHours(4), sut.Rto.Objective);
    }

    [Fact]
    public void Of_AMissedRpo_SaysWhichMeasureMissed()
    {
        var drill = DrillRecords.Passed() with { Rpo = TimeSpan.FromMinutes(6), State = DrillState.MissedObjective };

        var sut = DrillReport.Of(drill);

        Assert.True(sut.Rto.Met);
        Assert.False(sut.Rpo.Met);
        Assert.Equal("missed", DrillReportText.Verdict(sut.Rpo));
        Assert.Equal("00:06:00 against 00:05:00", DrillReportText.Against(sut.Rpo));
    }

    [Fact]
    public void Of_AFailedDrill_HasNoMeasures()
    {
        var sut = DrillReport.Of(DrillRecords.Failed());

        Assert.Null(sut.Rto.Met);
        Assert.Equal("not measured", DrillReportText.Verdict(sut.Rto));
        Assert.Equal("- against 04:00:00", DrillReportText.Against(sut.Rto));
    }

    [Fact]
    public void Of_ARunningDrill_HasNoDurationNorSteps()
    {
        var running = new DrillRecord("20261201T060000Z-drill-restore-00000001", DrillKind.Restore, "DataCorruption", "cli", DrillRecords.Start, DrillRecords.DataCorruption);

        var sut = DrillReport.Of(running);

        Assert.Null(sut.Duration);
        Assert.Empty(sut.Timeline);
        Assert.Equal(TimeSpan.Zero, sut.Span);
    }

    [Theory]
    [InlineData(12, "00:00:12")]
    [InlineData(4 * 3600, "04:00:00")]
    [InlineData(26 * 3600 + 61, "1.02:01:01")]
    public void Span_ADuration_ReadsAsHoursMinutesSeconds(int seconds, string expected) =>
        Assert.Equal(expected, DrillReportText.Span(TimeSpan.FromSeconds(seconds)));
}

using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Status;

namespace AstroBot.Continuity.Tests.Availability.Status;

public sealed class UptimeCalculatorTests
{
    private static readonly DateOnly Today = new(2027, 1, 15);
    private static readonly DateTimeOffset Midnight = new(2027, 1, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_NoRecords_NinetyDaysOfNoDataNeverAHundredPercent()
    {
        var sut = UptimeCalculator.Compute([], Today, 90);

        Assert.Equal(90, sut.Daily.Count);
        Assert.Equal(new DateOnly(2026, 10, 18), sut.Daily[0].Date);
        Assert.Equal(Today, sut.Daily[^1].Date);
        Assert.All(sut.Daily, day => Assert.Null(day.Uptime));
        Assert.Null(sut.Overall);
        Assert.True(sut.Known);
    }

    [Fact]
    public void Compute_AMinuteOneRegionDownTheOtherUp_CountsTheMinuteUpAsTheSlaReportDoes()
    {
        var sut = UptimeCalculator.Compute(
            [Record(Midnight.AddMinutes(1), "a", up: true), Record(Midnight.AddMinutes(1).AddSeconds(20), "b", up: false), Record(Midnight.AddMinutes(2), "a", up: false), Record(Midnight.AddMinutes(3), "a", up: true), Record(Midnight.AddMinutes(4), "b", up: true)],
            Today,
            90);

        var today = sut.Daily[^1];
        Assert.Equal((4, 3), (today.ProbedMinutes, today.UpMinutes));
        Assert.Equal(0.75, today.Uptime);
        Assert.Equal(0.75, sut.Overall);
    }

    [Fact]
    public void Compute_AShortGapInsideAnOutage_CountsItsMinutesDown()
    {
        var sut = UptimeCalculator.Compute(
            [Record(Midnight.AddMinutes(10), "a", up: false), Record(Midnight.AddMinutes(13), "a", up: false), Record(Midnight.AddMinutes(14), "a", up: true)],
            Today,
            90);

        Assert.Equal((5, 1), (sut.Daily[^1].ProbedMinutes, sut.Daily[^1].UpMinutes)); // minutes 10-13 down, 14 up
    }

    [Fact]
    public void Compute_RecordsNeverCompletedOrOutsideTheDays_AreLeftOut()
    {
        var sut = UptimeCalculator.Compute(
            [Record(Midnight.AddMinutes(5), "a", up: false, completed: false), Record(Midnight.AddDays(-90), "a", up: false), Record(Midnight.AddDays(1), "a", up: false), Record(Midnight.AddDays(-1), "a", up: true)],
            Today,
            90);

        Assert.Null(sut.Daily[^1].Uptime);
        Assert.Equal(1.0, sut.Daily[^2].Uptime);
        Assert.Equal(1, sut.Daily.Sum(day => day.ProbedMinutes));
    }

    [Fact]
    public void Unknown_Always_NinetyDaysWithoutDataAndNotKnown()
    {
        var sut = UptimeCalculator.Unknown(Today, 90);

        Assert.False(sut.Known);
        Assert.Equal(90, sut.Daily.Count);
        Assert.All(sut.Daily, day => Assert.Null(day.Uptime));
    }

    private static ProbeRecord Record(DateTimeOffset sentAt, string region, bool up, bool completed = true) =>
        new(ProbeWamid.Create(sentAt), sentAt, region, completed, up, 200, 10, up, 100, region, up, up ? null : "down");
}

using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Reporting;
using static AstroBot.Continuity.Tests.Availability.Reporting.Observations;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class SlaCalculatorTests
{
    private const string Source = "probe table availabilityprobes";
    private static readonly SlaMonth February = Month("2027-02");
    private static readonly SlaMonth March = Month("2027-03");
    private static readonly DateTimeOffset AfterMarch = new(2027, 4, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_NoRecordsAtAll_SaysSoWithEveryMinuteUnknownAndTheBudgetWhole()
    {
        var sut = SlaCalculator.Compute(February, AfterMarch, [], Source);

        Assert.False(sut.HasRecords);
        Assert.Equal(SlaPeriodState.Complete, sut.State);
        Assert.Equal(new MinuteCounts(0, 0, 40_320, 0), sut.Minutes);
        Assert.Null(sut.AvailabilityPercent);
        Assert.Null(sut.ObjectiveMet);
        Assert.Equal(0, sut.WorstCaseAvailabilityPercent);
        Assert.Equal(40.32, sut.Budget.TotalMinutes, 6);
        Assert.Equal(40.32, sut.Budget.LeftMinutes, 6);
        Assert.Empty(sut.Incidents);
        Assert.All(sut.BurnRates, rate => Assert.Null(rate.Rate));
        Assert.Equal(28, sut.Days.Count);
        Assert.Empty(sut.Regions);
    }

    [Theory]
    [InlineData("2027-02", 40_320, 40.32)]
    [InlineData("2028-02", 41_760, 41.76)]
    [InlineData("2027-03", 44_640, 44.64)]
    [InlineData("2027-04", 43_200, 43.2)]
    public void Compute_AWholeMonthUp_Is100PercentWithTheBudgetOfItsLength(string text, int minutes, double budget)
    {
        var month = Month(text);

        var sut = SlaCalculator.Compute(month, month.End.AddDays(10), [.. EveryMinute(month.Start, month.End, up: true)], Source);

        Assert.Equal(minutes, sut.PeriodMinutes);
        Assert.Equal(new MinuteCounts(minutes, 0, 0, 0), sut.Minutes);
        Assert.Equal(100, sut.AvailabilityPercent);
        Assert.True(sut.ObjectiveMet);
        Assert.Equal(budget, sut.Budget.TotalMinutes, 6);
        Assert.Equal(budget, sut.Budget.LeftMinutes, 6);
        Assert.Equal(month.Days, sut.Days.Count);
        Assert.All(sut.Days, day => Assert.Equal(1440, day.UpMinutes));
        Assert.All(sut.BurnRates, rate => Assert.Equal(0, rate.Rate));
    }

    [Fact]
    public void Compute_FortyMinutesDownInFebruary_MeetsTheObjectiveAndLeavesWhatIsLeft()
    {
        var outage = new DateTimeOffset(2027, 2, 10, 8, 0, 0, TimeSpan.Zero);
        var runs = EveryMinute(February.Start, outage, up: true)
            .Concat(EveryMinute(outage, outage.AddMinutes(40), up: false))
            .Concat(EveryMinute(outage.AddMinutes(40), February.End, up: true));

        var sut = SlaCalculator.Compute(February, AfterMarch, [.. runs], Source);

        Assert.Equal(40, sut.Minutes.Down);
        Assert.True(sut.ObjectiveMet); // 40 of 40,320 minutes: 99.9008%
        Assert.Equal(100.0 * 40_280 / 40_320, sut.AvailabilityPercent!.Value, 9);
        Assert.Equal(0.32, sut.Budget.LeftMinutes, 6);
        var incident = Assert.Single(sut.Incidents);
        Assert.Equal((outage, outage.AddMinutes(40), 40), (incident.Start, incident.End, incident.DownMinutes));
        Assert.Equal("the endpoint answered 503 Service Unavailable", incident.FirstError);
        Assert.False(incident.StartedBeforePeriod);
        Assert.False(incident.ContinuesAfterPeriod);
        Assert.Equal(40.32, sut.Days[8].BudgetLeftMinutes, 6);
        Assert.Equal(0.32, sut.Days[9].BudgetLeftMinutes, 6);
        Assert.Equal(40, sut.Days[9].DownMinutes);
    }

    [Fact]
    public void Compute_FortyFiveMinutesDownInFebruary_MissesTheObjectiveAndOverspendsTheBudget()
    {
        var outage = new DateTimeOffset(2027, 2, 10, 8, 0, 0, TimeSpan.Zero);
        var runs = EveryMinute(February.Start, February.End, up: true).Where(run => run.SentAt < outage || run.SentAt >= outage.AddMinutes(45))
            .Concat(EveryMinute(outage, outage.AddMinutes(45), up: false));

        var sut = SlaCalculator.Compute(February, AfterMarch, [.. runs], Source);

        Assert.False(sut.ObjectiveMet);
        Assert.Equal(-4.68, sut.Budget.LeftMinutes, 6);
        Assert.True(sut.Budget.LeftPercent < 0);
    }

    [Fact]
    public void Compute_RecordsOfTwoRegionsInTheSameMinuteDisagreeing_CountTheMinuteUp()
    {
        var minute = new DateTimeOffset(2027, 2, 3, 4, 5, 0, TimeSpan.Zero);
        var runs = EveryMinute(February.Start, February.End, up: true, RegionA).Where(run => run.SentAt.Date != minute.Date || run.SentAt.Hour != 4 || run.SentAt.Minute != 5)
            .Append(Down(minute.AddSeconds(1), RegionA))
            .Append(Up(minute.AddSeconds(2), RegionB));

        var sut = SlaCalculator.Compute(February, AfterMarch, [.. runs], Source);

        Assert.Equal(0, sut.Minutes.Down);
        Assert.Equal(1, sut.Minutes.Disagreed);
        Assert.Empty(sut.Incidents);
        Assert.Equal([RegionB, RegionA], sut.Regions);
    }

    [Fact]
    public void Compute_AGapInTheRecords_IsUnknownAndCountedOnlyInTheWorstCase()
    {
        var gap = new DateTimeOffset(2027, 2, 20, 0, 0, 0, TimeSpan.Zero);
        var runs = EveryMinute(February.Start, February.End, up: true).Where(run => run.SentAt < gap || run.SentAt >= gap.AddHours(2));

        var sut = SlaCalculator.Compute(February, AfterMarch, [.. runs], Source);

        Assert.Equal(120, sut.Minutes.Unknown);
        Assert.Equal(100, sut.AvailabilityPercent);
        Assert.True(sut.ObjectiveMet);
        Assert.Equal(100.0 * (40_320 - 120) / 40_320, sut.WorstCaseAvailabilityPercent!.Value, 9);
        Assert.Equal(120, sut.Budget.WorstCaseUsedMinutes);
        Assert.Equal(120, sut.Days[19].UnknownMinutes);
        Assert.Empty(sut.Incidents);
    }

    [Fact]
    public void Compute_AnIncidentAcrossMidnight_IsOneIncidentSplitOverTwoDays()
    {
        var start = new DateTimeOffset(2027, 2, 14, 23, 50, 0, TimeSpan.Zero);
        var runs = EveryMinute(February.Start, start, up: true)
            .Concat(EveryMinute(start, start.AddMinutes(25), up: false))
            .Concat(EveryMinute(start.AddMinutes(25), February.End, up: true));

        var sut = SlaCalculator.Compute(February, AfterMarch, [.. runs], Source);

        var incident = Assert.Single(sut.Incidents);
        Assert.Equal((start, start.AddMinutes(25), 25), (incident.Start, incident.End, incident.DownMinutes));
        Assert.Equal(10, sut.Days[13].DownMinutes);
        Assert.Equal(15, sut.Days[14].DownMinutes);
    }

    [Fact]
    public void Compute_AnIncidentAcrossTheMonthBoundary_IsClippedToEachMonthAndSaysItGoesOn()
    {
        var start = February.End.AddMinutes(-30);
        var runs = EveryMinute(February.End.AddDays(-4), start, up: true)
            .Concat(EveryMinute(start, February.End.AddMinutes(20), up: false))
            .Concat(EveryMinute(February.End.AddMinutes(20), February.End.AddDays(4), up: true))
            .ToList();

        var february = SlaCalculator.Compute(February, AfterMarch, runs, Source);
        var march = SlaCalculator.Compute(March, AfterMarch, runs, Source);

        var end = Assert.Single(february.Incidents);
        Assert.Equal((start, February.End, 30), (end.Start, end.End, end.DownMinutes));
        Assert.False(end.StartedBeforePeriod);
        Assert.True(end.ContinuesAfterPeriod);
        var beginning = Assert.Single(march.Incidents);
        Assert.Equal((March.Start, March.Start.AddMinutes(20), 20), (beginning.Start, beginning.End, beginning.DownMinutes));
        Assert.True(beginning.StartedBeforePeriod);
        Assert.False(beginning.ContinuesAfterPeriod);
        Assert.Equal(20, march.Minutes.Down);
    }

    [Fact]
    public void Compute_TheCurrentMonth_EndsAtTheLastWholeMinuteWithTheIncidentOngoing()
    {
        var now = new DateTimeOffset(2027, 2, 10, 12, 0, 30, TimeSpan.Zero);
        var outage = now.AddMinutes(-10).AddSeconds(-30);
        var runs = EveryMinute(February.Start, outage, up: true).Concat(EveryMinute(outage, now, up: false));

        var sut = SlaCalculator.Compute(February, now, [.. runs], Source);

        Assert.Equal(SlaPeriodState.InProgress, sut.State);
        Assert.Equal(new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.Zero), sut.PeriodEnd);
        Assert.Equal(9 * 1440 + 720, sut.PeriodMinutes);
        Assert.Equal(10, sut.Days.Count);
        Assert.Equal(10, sut.Minutes.Down);
        Assert.Equal(40.32 - 10, sut.Budget.LeftMinutes, 6);
        Assert.True(Assert.Single(sut.Incidents).ContinuesAfterPeriod);
    }

    [Fact]
    public void Compute_TheCurrentMonth_BurnRatesAtNowFollowTheAlertRulesDefinition()
    {
        // The last 5 minutes all down, the hour before them up: 5m burns 1000x, 1h 5/60 down = 83.3x.
        var now = new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.Zero);
        var runs = EveryMinute(now.AddDays(-4), now.AddMinutes(-5), up: true).Concat(EveryMinute(now.AddMinutes(-5), now, up: false));

        var sut = SlaCalculator.Compute(February, now, [.. runs], Source);

        var rates = sut.BurnRates.ToDictionary(rate => rate.Name);
        Assert.Equal(["5m", "30m", "1h", "6h", "2d", "3d"], sut.BurnRates.Select(rate => rate.Name));
        Assert.Equal(1000, rates["5m"].Rate!.Value, 6);
        Assert.Equal(1000.0 * 5 / 60, rates["1h"].Rate!.Value, 6);
        Assert.Equal((5, 4320), (rates["3d"].DownMinutes, rates["3d"].MeasuredMinutes));
    }

    [Fact]
    public void Compute_BurnRatesEarlyInAMonth_ReachBackIntoThePreviousOne()
    {
        var now = new DateTimeOffset(2027, 3, 1, 6, 0, 0, TimeSpan.Zero);
        var runs = EveryMinute(now.AddDays(-3), now, up: true).ToList();

        var sut = SlaCalculator.Compute(March, now, runs, Source);

        Assert.Equal(4320, sut.BurnRates.Single(rate => rate.Name == "3d").MeasuredMinutes);
        Assert.Equal(360, sut.Minutes.Up);
    }

    [Fact]
    public void Compute_AFutureMonth_HasNotStartedAndReadsNothing()
    {
        var now = new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.Zero);

        var sut = SlaCalculator.Compute(March, now, [], Source);

        Assert.Equal(SlaPeriodState.NotStarted, sut.State);
        Assert.Equal(0, sut.PeriodMinutes);
        Assert.Null(sut.WorstCaseAvailabilityPercent);
        Assert.Empty(sut.Days);
        Assert.Empty(sut.BurnRates);
        var (from, to) = SlaCalculator.ReadRange(March, now);
        Assert.Equal(from, to);
    }

    [Fact]
    public void ReadRange_APastMonth_CoversTheMonthItsWindowsAndAnHourAround()
    {
        var (from, to) = SlaCalculator.ReadRange(February, AfterMarch);

        Assert.Equal(February.Start.AddHours(-1), from);
        Assert.Equal(February.End.AddHours(1), to);
    }

    [Fact]
    public void From_ARunThatNeverCompleted_IsNoObservation()
    {
        var record = new ProbeRecord("wamid.probe.x", February.Start, RegionA, Completed: false, false, null, null, false, null, null, false, "the probe run has not completed");

        Assert.Null(ProbeObservation.From(record));
        Assert.Equal(new ProbeObservation(February.Start, RegionA, false, "503"), ProbeObservation.From(record with { Completed = true, Error = "503" }));
    }

    private static SlaMonth Month(string text) =>
        SlaMonth.TryParse(text, out var month, out var problem) ? month : throw new ArgumentException(problem);
}

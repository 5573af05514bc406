namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The SLA report's arithmetic, a pure function of the month, the clock and the probe runs (docs/availability.md,
/// "Reporting"): per-minute states (<see cref="MinuteTimeline"/>), then availability against the objective, the
/// error budget, incidents, burn rates and days.
/// </summary>
public static class SlaCalculator
{
    /// <summary>The objective: 99.9% of the minutes up.</summary>
    public const double ObjectivePercent = 99.9;

    /// <summary>The error budget's share of the minutes: 1 − the objective.</summary>
    public const double BudgetShare = 0.001;

    /// <summary>The burn-rate windows of the alert rules (5 min, 30 min, 1 h, 6 h, 2 d) and of the SRE workbook's ticket (3 d).</summary>
    public static IReadOnlyList<TimeSpan> BurnRateWindows { get; } =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromDays(2), TimeSpan.FromDays(3)];

    // Read a little around the month: whether an incident began before it or went on after it.
    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    /// <summary>Where the month stands at <paramref name="now"/>.</summary>
    public static SlaPeriodState StateOf(SlaMonth month, DateTimeOffset now) =>
        now < month.Start ? SlaPeriodState.NotStarted : now < month.End ? SlaPeriodState.InProgress : SlaPeriodState.Complete;

    /// <summary>The end of what can be measured: the month's end, or the last whole minute before <paramref name="now"/> (the month's start before it began).</summary>
    public static DateTimeOffset PeriodEnd(SlaMonth month, DateTimeOffset now)
    {
        var lastMinute = MinuteTimeline.Floor(now);
        return lastMinute < month.Start ? month.Start : lastMinute > month.End ? month.End : lastMinute;
    }

    /// <summary>
    /// The probe runs a report needs: the month up to its period's end, the longest burn-rate window before that end,
    /// and an hour on either side. Empty (from = to) for a month that has not begun.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) ReadRange(SlaMonth month, DateTimeOffset now)
    {
        if (StateOf(month, now) == SlaPeriodState.NotStarted)
        {
            return (month.Start, month.Start);
        }

        var end = PeriodEnd(month, now);
        var longest = BurnRateWindows[^1];
        var from = end - longest < month.Start - Margin ? end - longest : month.Start - Margin;
        var afterMonth = month.End + Margin;
        var lastMinute = MinuteTimeline.Floor(now);
        return (from, afterMonth < lastMinute ? afterMonth : lastMinute);
    }

    /// <summary>The report of <paramref name="month"/> at <paramref name="now"/> from <paramref name="observations"/> (any order; ideally those of <see cref="ReadRange"/>).</summary>
    public static SlaReport Compute(SlaMonth month, DateTimeOffset now, IReadOnlyCollection<ProbeObservation> observations, string source)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var state = StateOf(month, now);
        var end = PeriodEnd(month, now);
        var (from, to) = ReadRange(month, now);
        var timeline = MinuteTimeline.Build(from, to, observations);
        var minutes = timeline.Tally(month.Start, end);
        var periodMinutes = (int)(end - month.Start).TotalMinutes;
        var budgetTotal = month.Minutes * BudgetShare;
        var inPeriod = observations.Where(observation => observation.SentAt >= month.Start && observation.SentAt < end).ToList();

        return new SlaReport(
            month.ToString(),
            month.Start,
            month.End,
            end,
            state,
            source,
            ObjectivePercent,
            periodMinutes,
            minutes,
            minutes.AvailabilityPercent,
            periodMinutes == 0 ? null : 100.0 * minutes.Up / periodMinutes,
            minutes.Measured == 0 ? null : minutes.Down * 1000L <= minutes.Measured, // down / measured <= 0.001, in integers
            new ErrorBudget(budgetTotal, minutes.Down, budgetTotal - minutes.Down) { WorstCaseUsedMinutes = minutes.Down + minutes.Unknown },
            Incidents(timeline, month.Start, end),
            state == SlaPeriodState.NotStarted ? [] : [.. BurnRateWindows.Select(window => BurnRateOver(timeline, end - window, end, window))],
            Days(timeline, month, end, budgetTotal),
            inPeriod.Count,
            [.. inPeriod.Select(observation => observation.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private static BurnRate BurnRateOver(MinuteTimeline timeline, DateTimeOffset from, DateTimeOffset to, TimeSpan window)
    {
        var counts = timeline.Tally(from, to);
        return new BurnRate(window, counts.Measured == 0 ? null : (double)counts.Down / counts.Measured / BudgetShare, counts.Down, counts.Measured);
    }

    private static List<DailyAvailability> Days(MinuteTimeline timeline, SlaMonth month, DateTimeOffset end, double budgetTotal)
    {
        var days = new List<DailyAvailability>(month.Days);
        var used = 0;
        for (var day = month.Start; day < end; day = day.AddDays(1))
        {
            var dayEnd = day.AddDays(1) < end ? day.AddDays(1) : end;
            var counts = timeline.Tally(day, dayEnd);
            used += counts.Down;
            days.Add(new DailyAvailability(DateOnly.FromDateTime(day.UtcDateTime), counts.Up, counts.Down, counts.Unknown, counts.AvailabilityPercent, budgetTotal - used));
        }

        return days;
    }

    private static List<SlaIncident> Incidents(MinuteTimeline timeline, DateTimeOffset from, DateTimeOffset to)
    {
        var incidents = new List<SlaIncident>();
        var minute = 0;
        while (minute < timeline.Count)
        {
            if (timeline[minute] != MinuteState.Down)
            {
                minute++;
                continue;
            }

            var first = minute;
            while (minute < timeline.Count && timeline[minute] == MinuteState.Down)
            {
                minute++;
            }

            // [first, minute) is one incident; keep the part inside the period.
            var start = timeline.StartOf(first);
            var end = timeline.StartOf(minute);
            if (end <= from || start >= to)
            {
                continue;
            }

            var clippedStart = start < from ? from : start;
            var clippedEnd = end > to ? to : end;
            var error = Enumerable.Range(first, minute - first).Select(timeline.ErrorOf).FirstOrDefault(text => text is not null);
            incidents.Add(new SlaIncident(
                clippedStart,
                clippedEnd,
                (int)(clippedEnd - clippedStart).TotalMinutes,
                error,
                StartedBeforePeriod: start < from,
                ContinuesAfterPeriod: end > to || end == timeline.To));
        }

        return incidents;
    }
}

using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Reporting;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// Daily uptime from probe records, minute by minute as the SLA report reads them (<see cref="MinuteTimeline"/>: a
/// minute is up when a completed run sent in it was up, down when runs were sent and none was, unknown without one, a
/// short gap inside an outage down); a day's uptime is the share of its known minutes that were up, and a day without
/// one has no uptime ("no data", not 100%).
/// </summary>
public static class UptimeCalculator
{
    /// <summary>The <paramref name="days"/> UTC days up to and including <paramref name="today"/>, oldest first.</summary>
    public static UptimeHistory Compute(IEnumerable<ProbeRecord> records, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(records);
        var first = today.AddDays(1 - days);
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var timeline = MinuteTimeline.Build(from, from.AddDays(days), records.Select(ProbeObservation.From).OfType<ProbeObservation>());
        var daily = new List<DailyUptime>(days);
        for (var day = 0; day < days; day++)
        {
            var counts = timeline.Tally(from.AddDays(day), from.AddDays(day + 1));
            daily.Add(new DailyUptime(first.AddDays(day), counts.Measured == 0 ? null : (double)counts.Up / counts.Measured, counts.Measured, counts.Up));
        }

        var allProbed = daily.Sum(day => day.ProbedMinutes);
        return new UptimeHistory(days, Known: true, allProbed == 0 ? null : (double)daily.Sum(day => day.UpMinutes) / allProbed, daily);
    }

    /// <summary>The history when the records could not be read: every day without data.</summary>
    public static UptimeHistory Unknown(DateOnly today, int days) =>
        new(days, Known: false, null, [.. Enumerable.Range(1 - days, days).Select(offset => new DailyUptime(today.AddDays(offset), null, 0, 0))]);
}

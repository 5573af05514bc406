using AstroBot.Continuity.Availability.Probe;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// Daily uptime from probe records: a minute is probed when at least one completed record (any region) was sent in it,
/// and up when every completed record sent in it was up; a day's uptime is the share of its probed minutes that were
/// up, and a day without a probed minute has no uptime ("no data", not 100%). Records a run never completed (its host
/// stopped) are left out.
/// </summary>
public static class UptimeCalculator
{
    /// <summary>The <paramref name="days"/> UTC days up to and including <paramref name="today"/>, oldest first.</summary>
    public static UptimeHistory Compute(IEnumerable<ProbeRecord> records, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(records);
        var first = today.AddDays(1 - days);
        var minutes = new Dictionary<DateTime, bool>();
        foreach (var record in records)
        {
            var sent = record.SentAt.UtcDateTime;
            if (!record.Completed || DateOnly.FromDateTime(sent) < first || DateOnly.FromDateTime(sent) > today)
            {
                continue;
            }

            var minute = new DateTime(sent.Ticks - (sent.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            minutes[minute] = minutes.GetValueOrDefault(minute, true) && record.Up;
        }

        var byDay = minutes.GroupBy(minute => DateOnly.FromDateTime(minute.Key)).ToDictionary(day => day.Key, day => (Probed: day.Count(), Up: day.Count(minute => minute.Value)));
        var daily = new List<DailyUptime>(days);
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var (probed, up) = byDay.GetValueOrDefault(day);
            daily.Add(new DailyUptime(day, probed == 0 ? null : (double)up / probed, probed, up));
        }

        var allProbed = daily.Sum(day => day.ProbedMinutes);
        return new UptimeHistory(days, Known: true, allProbed == 0 ? null : (double)daily.Sum(day => day.UpMinutes) / allProbed, daily);
    }

    /// <summary>The history when the records could not be read: every day without data.</summary>
    public static UptimeHistory Unknown(DateOnly today, int days) =>
        new(days, Known: false, null, [.. Enumerable.Range(1 - days, days).Select(offset => new DailyUptime(today.AddDays(offset), null, 0, 0))]);
}

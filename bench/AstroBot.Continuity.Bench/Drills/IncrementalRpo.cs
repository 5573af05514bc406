using AstroBot.Continuity.Hosting;
using Cronos;

namespace AstroBot.Continuity.Bench.Drills;

/// <summary>
/// The worst-case recovery point the incremental backups' default schedule leaves: a change made right after an
/// incremental took its container's change-feed position is only in the next incremental, which starts one interval
/// later and is restorable once it has committed, so the newest restorable data can be as old as
/// <see cref="Interval"/> + the incremental's duration.
/// </summary>
/// <param name="Interval">The longest gap between two runs of the schedule.</param>
/// <param name="Incremental">An incremental backup's duration, measured in this run.</param>
internal sealed record IncrementalRpo(ScheduleSetting Schedule, TimeSpan Interval, TimeSpan Incremental)
{
    public TimeSpan WorstCase => Interval + Incremental;

    /// <summary>The schedule's default expression read with the hosts' parser (six fields, UTC), its longest gap over a day.</summary>
    public static IncrementalRpo Of(ScheduleSetting schedule, TimeSpan incremental)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var cron = CronExpression.Parse(schedule.DefaultExpression, CronFormat.IncludeSeconds);
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var runs = cron.GetOccurrences(from, from.AddDays(1).AddHours(1)).ToList();
        var interval = runs.Zip(runs.Skip(1), (a, b) => b - a).Max();
        return new IncrementalRpo(schedule, interval, incremental);
    }
}

using AstroBot.Continuity.Hosting;
using Cronos;
using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Recovery.Drills.Status;

/// <summary>
/// Every scenario of <c>Recovery:Objectives</c> against the drill history (<c>continuity dr status</c>, the runbooks'
/// "Last drilled" lines). A drill is due at its schedule's next occurrence after the last drill of its kind started
/// (a drill started by hand counts as well as a scheduled one); it is overdue once the check is later than that plus
/// <c>Recovery:OverdueGrace</c>, and a kind of drill that never ran is overdue at once: nothing shows its procedure works.
/// </summary>
public sealed record RecoveryStatus(DateTimeOffset CheckedAt, IReadOnlyList<ScenarioStatus> Scenarios)
{
    /// <summary>Every scenario a drill covers passed its last drill, and none is overdue.</summary>
    public bool Healthy => Scenarios.All(scenario => scenario.Healthy);

    /// <param name="history">The drill history, in any order.</param>
    /// <param name="configuration">Where the drills' schedules are read (<see cref="DrillKinds.ScheduleOf"/>).</param>
    /// <exception cref="FormatException">A drill's schedule setting is not a six-field cron expression.</exception>
    public static RecoveryStatus Of(RecoveryOptions options, IEnumerable<DrillRecord> history, IConfiguration configuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ended = history.Where(drill => drill.IsOver).ToList();
        var scenarios = options.Objectives
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => StatusOf(pair.Key, pair.Value, ended, configuration, now, options.OverdueGrace))
            .ToList();
        return new RecoveryStatus(now, scenarios);
    }

    private static ScenarioStatus StatusOf(
        string scenario, RecoveryObjective objective, List<DrillRecord> ended, IConfiguration configuration, DateTimeOffset now, TimeSpan grace)
    {
        if (DrillKinds.All.Where(kind => string.Equals(DrillKinds.ScenarioOf(kind), scenario, StringComparison.OrdinalIgnoreCase)).Cast<DrillKind?>().FirstOrDefault() is not { } kind)
        {
            return new ScenarioStatus(scenario, objective, null, null, null, Overdue: false);
        }

        var last = ended.Where(drill => drill.Kind == kind).MaxBy(drill => drill.StartedAt);
        var schedule = CronExpression.Parse(DrillKinds.ScheduleOf(kind).Resolve(configuration), CronFormat.IncludeSeconds);
        var due = schedule.GetNextOccurrence(last?.StartedAt ?? now, TimeZoneInfo.Utc);
        var overdue = last is null || (due is { } next && now > next + grace);
        return new ScenarioStatus(scenario, objective, kind, last, due, overdue);
    }
}

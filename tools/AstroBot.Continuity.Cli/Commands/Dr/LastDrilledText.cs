using AstroBot.Continuity.Recovery.Drills.Reporting;
using AstroBot.Continuity.Recovery.Drills.Status;

namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>
/// What a runbook says of its drills, from the status of its scenarios: for each scenario a drill covers, the last
/// drill's date, id, outcome and measures against the objectives (or that it never ran); and which scenarios no drill covers.
/// </summary>
internal static class LastDrilledText
{
    /// <summary>The runbook's "Last drilled" sentence, e.g. <c>2026-12-02 (restore drill ..., passed: RTO 00:00:12 against 04:00:00, RPO 00:00:03 against 00:05:00)</c>.</summary>
    public static string Sentence(IReadOnlyList<ScenarioStatus> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var uncovered = scenarios.Where(scenario => scenario.Kind is null).Select(scenario => $"`{scenario.Scenario}`").ToList();
        var covered = scenarios.Where(scenario => scenario.Kind is not null).Select(Drilled).ToList();
        if (covered.Count == 0)
        {
            return uncovered.Count > 1 ? "never (no drill covers these scenarios)" : "never (no drill covers this scenario)";
        }

        return string.Join("; ", covered) + (uncovered.Count > 0 ? $"; no drill covers {string.Join(", ", uncovered)}" : string.Empty);
    }

    /// <summary>The short form for the plan's table: <c>2026-12-02, passed</c>, <c>never</c>, <c>never (no drill)</c>.</summary>
    public static string Cell(IReadOnlyList<ScenarioStatus> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var covered = scenarios.Where(scenario => scenario.Kind is not null).ToList();
        return covered.Count == 0
            ? "never (no drill)"
            : string.Join("; ", covered.Select(scenario => scenario.LastDrill is { } last
                ? $"{DrillReportText.Day(last.StartedAt)}, {DrillReportText.StateWords(last.State)}"
                : "never"));
    }

    private static string Drilled(ScenarioStatus scenario)
    {
        var kind = DrillReportText.KindWords(scenario.Kind!.Value);
        if (scenario.LastDrill is not { } last)
        {
            return $"never (the {kind} covers `{scenario.Scenario}` but has not run yet)";
        }

        var report = DrillReport.Of(last);
        return $"{DrillReportText.Day(last.StartedAt)} ({kind} {last.DrillId}, {DrillReportText.StateWords(last.State)}: " +
               $"RTO {DrillReportText.Against(report.Rto)}, RPO {DrillReportText.Against(report.Rpo)})";
    }
}

namespace AstroBot.Continuity.Recovery.Drills.Status;

/// <summary>
/// Where one scenario of the plan stands with its drill: which kind of drill measures it (none for most), the newest
/// drill of that kind that ended, when the next one is due by its schedule, and whether it is overdue.
/// </summary>
/// <param name="Kind">The drill that measures the scenario; null when none does.</param>
/// <param name="LastDrill">The newest drill of <paramref name="Kind"/> that ended; null when it never ran.</param>
/// <param name="NextDue">The schedule's next occurrence after <paramref name="LastDrill"/>'s start, or after the check when it never ran.</param>
/// <param name="Overdue">Never drilled, or the check is later than <paramref name="NextDue"/> plus <c>Recovery:OverdueGrace</c>.</param>
public sealed record ScenarioStatus(string Scenario, RecoveryObjective Objective, DrillKind? Kind, DrillRecord? LastDrill, DateTimeOffset? NextDue, bool Overdue)
{
    /// <summary>Nothing to act on: no drill covers the scenario, or its last drill passed and the next is not overdue.</summary>
    public bool Healthy => Kind is null || (LastDrill is { State: DrillState.Passed } && !Overdue);

    /// <summary>In a word: <c>no drill</c>, <c>never drilled</c>, <c>overdue</c>, the last drill's state, or <c>ok</c>.</summary>
    public string Verdict => this switch
    {
        { Kind: null } => "no drill",
        { LastDrill: null } => "never drilled",
        { LastDrill.State: not DrillState.Passed } => Reporting.DrillReportText.StateWords(LastDrill.State),
        { Overdue: true } => "overdue",
        _ => "ok",
    };
}

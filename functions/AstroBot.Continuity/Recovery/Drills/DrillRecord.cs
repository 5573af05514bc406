namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// What one drill did and found: the evidence <c>continuity drill show</c>, the report and <c>continuity dr status</c>
/// read. Written when the drill starts (<see cref="DrillState.Running"/>) and again when it ends.
/// </summary>
/// <param name="Scenario">The plan's scenario whose objectives it measures (<c>Recovery:Objectives:&lt;Scenario&gt;</c>).</param>
/// <param name="StartedBy">Who or what started it: <c>schedule</c>, <c>http</c>, <c>cli</c>, or an operator's name.</param>
/// <param name="Objective">The objectives in force when it started.</param>
/// <param name="Rto">The recovery time it measured (null when it did not get that far).</param>
/// <param name="Rpo">The recovery point it measured (null when it did not get that far).</param>
/// <param name="RunsIn">The region whose Durable task hub runs its orchestration (<c>Availability:Region</c>); null for the
/// CLI's own engine. Only that region's Durable client can tell whether the drill still runs.</param>
/// <param name="Facts">What it worked on and counted (backup id, scratch database, items, canaries), for the report.</param>
public sealed record DrillRecord(
    string DrillId,
    DrillKind Kind,
    string Scenario,
    string StartedBy,
    DateTimeOffset StartedAt,
    RecoveryObjective Objective,
    DrillState State = DrillState.Running,
    DateTimeOffset? CompletedAt = null,
    TimeSpan? Rto = null,
    TimeSpan? Rpo = null,
    IReadOnlyList<DrillStep>? Steps = null,
    IReadOnlyDictionary<string, string>? Facts = null,
    string? Error = null,
    string? RunsIn = null)
{
    public IReadOnlyList<DrillStep> Steps { get; init; } = Steps ?? [];

    public IReadOnlyDictionary<string, string> Facts { get; init; } = Facts ?? new Dictionary<string, string>();

    public bool IsOver => State != DrillState.Running;

    /// <summary>A line for lists and alerts.</summary>
    public string Summary => State switch
    {
        DrillState.Running => $"running since {StartedAt:u}",
        DrillState.Passed => $"passed: RTO {Show(Rto)} (objective {Show(Objective.Rto)}), RPO {Show(Rpo)} (objective {Show(Objective.Rpo)})",
        DrillState.MissedObjective => $"missed its objective: RTO {Show(Rto)} (objective {Show(Objective.Rto)}), RPO {Show(Rpo)} (objective {Show(Objective.Rpo)})",
        DrillState.Abandoned => $"abandoned: {Error}",
        _ => $"failed: {Error}",
    };

    /// <summary>Ends the drill: failed with <paramref name="error"/>, else passed or missed by the measures against the objectives.</summary>
    public DrillRecord Complete(DateTimeOffset at, TimeSpan? rto, TimeSpan? rpo, string? error) => this with
    {
        CompletedAt = at,
        Rto = rto,
        Rpo = rpo,
        Error = error,
        State = error is not null || rto is null || rpo is null
            ? DrillState.Failed
            : rto <= Objective.Rto && rpo <= Objective.Rpo ? DrillState.Passed : DrillState.MissedObjective,
    };

    private static string Show(TimeSpan? span) => Reporting.DrillReportText.Span(span);
}

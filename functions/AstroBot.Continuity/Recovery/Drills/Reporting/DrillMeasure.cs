namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>A drill's RTO or RPO against its objective.</summary>
/// <param name="Measured">What the drill measured; null when it did not get that far.</param>
/// <param name="Objective">The objective in force when the drill started.</param>
public sealed record DrillMeasure(TimeSpan? Measured, TimeSpan Objective)
{
    /// <summary>Within the objective (at most equal); null when nothing was measured.</summary>
    public bool? Met => Measured is { } measured ? measured <= Objective : null;
}

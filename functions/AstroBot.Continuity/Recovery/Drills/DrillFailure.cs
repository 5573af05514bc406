namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>A drill that could not get going (no plan): its steps so far and why.</summary>
public sealed record DrillFailure(string DrillId, IReadOnlyList<DrillStep> Steps, string Error);

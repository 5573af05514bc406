namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>One step on the drill's timeline: when it started, counted from the drill's start, and how long it took.</summary>
public sealed record DrillStepTiming(string Name, TimeSpan Offset, TimeSpan Duration, bool Succeeded, string? Detail);

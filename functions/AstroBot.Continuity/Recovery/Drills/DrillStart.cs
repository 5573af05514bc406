namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>The input of every drill orchestration: which drill (its record is already written, <see cref="DrillState.Running"/>).</summary>
public sealed record DrillStart(string DrillId, DrillKind Kind);

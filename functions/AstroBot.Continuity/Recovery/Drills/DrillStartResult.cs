namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>A drill started (its record written and the lock held), or refused with the reason.</summary>
/// <param name="RunningDrillId">When refused because another drill runs: that drill.</param>
public sealed record DrillStartResult(DrillRecord? Started, string? Refused, string? RunningDrillId = null)
{
    public static DrillStartResult Refuse(string reason, string? runningDrillId = null) => new(null, reason, runningDrillId);
}

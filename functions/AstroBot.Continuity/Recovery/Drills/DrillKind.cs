namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>What a drill exercises (docs/dr/README.md#drills).</summary>
public enum DrillKind
{
    /// <summary>Restore the newest backup chain into a scratch database and prove it: scenario <c>DataCorruption</c>.</summary>
    Restore,

    /// <summary>Move the traffic to the secondary region and back, with canaries throughout: scenario <c>RegionOutageCompute</c>.</summary>
    Failover,
}

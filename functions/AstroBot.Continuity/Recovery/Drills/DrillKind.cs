namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>What a drill exercises (docs/dr/README.md#drills).</summary>
public enum DrillKind
{
    /// <summary>Restore the newest backup chain into a scratch database and prove it: scenario <c>DataCorruption</c>.</summary>
    Restore,

    /// <summary>Move the traffic to the secondary region and back, with canaries throughout: scenario <c>RegionOutageCompute</c>.</summary>
    Failover,

    /// <summary>
    /// Restore Cosmos DB's own continuous backup to a point in time into a new account and prove it, then delete the
    /// account: scenario <c>DeletedResources</c>. Azure only (Resource Manager).
    /// </summary>
    NativeBackup,
}

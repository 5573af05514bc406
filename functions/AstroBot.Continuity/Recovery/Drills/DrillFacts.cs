namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>The facts a drill records that something other than its report reads.</summary>
public static class DrillFacts
{
    /// <summary>The restore drill's scratch database: dropped after a drill found abandoned.</summary>
    public const string ScratchDatabase = "scratch_database";

    /// <summary>The native backup drill's restored account: deleted after a drill found abandoned.</summary>
    public const string RestoredAccount = "restored_account";
}

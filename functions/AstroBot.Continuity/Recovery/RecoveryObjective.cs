namespace AstroBot.Continuity.Recovery;

/// <summary>A scenario's recovery time and point objectives (docs/dr/README.md#recovery-objectives).</summary>
public sealed class RecoveryObjective
{
    /// <summary>Recovery time objective: from the start of the recovery to service (or data) verified back.</summary>
    public TimeSpan Rto { get; set; }

    /// <summary>Recovery point objective: the age of the newest data the recovery cannot bring back.</summary>
    public TimeSpan Rpo { get; set; }
}

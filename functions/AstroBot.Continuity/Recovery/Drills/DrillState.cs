namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>Where a drill stands. Only <see cref="Passed"/> means the procedure worked within its objectives.</summary>
public enum DrillState
{
    Running,

    /// <summary>Every check held and the measured RTO and RPO are within the objectives.</summary>
    Passed,

    /// <summary>Every check held, but the RTO or the RPO missed its objective.</summary>
    MissedObjective,

    /// <summary>A check failed or a step could not be done.</summary>
    Failed,

    /// <summary>Its orchestration is gone (the host stopped) before it finished; the next drill's start cleaned up after it.</summary>
    Abandoned,
}

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>Where the reported month stands against the clock.</summary>
public enum SlaPeriodState
{
    /// <summary>The month has not begun: nothing to measure.</summary>
    NotStarted,

    /// <summary>The current month: reported up to the last whole minute.</summary>
    InProgress,

    /// <summary>A past month, reported whole.</summary>
    Complete,
}

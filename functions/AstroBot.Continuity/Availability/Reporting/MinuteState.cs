namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>What the probes say about one minute.</summary>
public enum MinuteState
{
    /// <summary>No completed probe run was sent in the minute.</summary>
    Unknown,

    /// <summary>At least one probe run sent in the minute was up.</summary>
    Up,

    /// <summary>Probe runs were sent in the minute and none was up (or a short gap inside an outage, see <see cref="MinuteTimeline"/>).</summary>
    Down,
}

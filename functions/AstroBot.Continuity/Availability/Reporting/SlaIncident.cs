namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// A run of down minutes (short gaps inside it included, see <see cref="MinuteTimeline"/>), clipped to the report's
/// period.
/// </summary>
/// <param name="Start">The start of its first down minute in the period (UTC).</param>
/// <param name="End">The end of its last down minute in the period.</param>
/// <param name="DownMinutes">Its minutes in the period.</param>
/// <param name="FirstError">Why the first failed probe run of the incident was not up.</param>
/// <param name="StartedBeforePeriod">It was already going on when the month began.</param>
/// <param name="ContinuesAfterPeriod">It was still going on at the period's end: ongoing in the current month, into the next month for a past one.</param>
public sealed record SlaIncident(
    DateTimeOffset Start,
    DateTimeOffset End,
    int DownMinutes,
    string? FirstError,
    bool StartedBeforePeriod,
    bool ContinuesAfterPeriod);

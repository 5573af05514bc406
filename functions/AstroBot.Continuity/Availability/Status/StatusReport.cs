using AstroBot.Continuity.Availability.Incidents;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// The public status (<c>GET /api/status</c>, and the page built from it): the overall state, each component's state,
/// the open (or just resolved) incident, the active maintenance window, and 90 days of daily uptime. Public: operators'
/// texts, states, times and counts only, never anything about a user.
/// </summary>
/// <param name="CheckedAt">When it was put together (a process answers with it for <c>Status:CacheDuration</c>).</param>
/// <param name="Overall">The state in one word.</param>
/// <param name="Headline">The state in a sentence.</param>
/// <param name="Components">Each component.</param>
/// <param name="Incident">The open incident, or the last one for a day after it was resolved; null otherwise (or unknown).</param>
/// <param name="Maintenance">The active maintenance window; null otherwise (or unknown).</param>
/// <param name="Uptime">The daily uptime.</param>
/// <param name="Unknown">What could not be read just now (<c>incident</c>, <c>maintenance</c>, <c>uptime</c>): shown as unknown, never guessed.</param>
public sealed record StatusReport(
    DateTimeOffset CheckedAt,
    OverallState Overall,
    string Headline,
    IReadOnlyList<ComponentStatus> Components,
    PublicIncident? Incident,
    PublicMaintenance? Maintenance,
    UptimeHistory Uptime,
    IReadOnlyList<string> Unknown);

/// <summary>The service in one word.</summary>
public enum OverallState
{
    /// <summary>Everything measured works.</summary>
    Operational,

    /// <summary>An incident is open, or a component is degraded or down, but messages are accepted.</summary>
    Degraded,

    /// <summary>Messages are not accepted.</summary>
    Outage,

    /// <summary>A maintenance window is active: messages are accepted and answered after it.</summary>
    Maintenance,

    /// <summary>Nothing recent measures whether messages are accepted.</summary>
    Unknown,
}

/// <summary>One component.</summary>
/// <param name="Id">A stable id (<c>messages_received</c>, <c>messages_processed</c>, <c>inbox_backlog</c>, <c>database</c>, <c>backups</c>, <c>whatsapp_replies</c>).</param>
/// <param name="Name">What people call it.</param>
/// <param name="State">Its state.</param>
/// <param name="Detail">A public sentence about it.</param>
public sealed record ComponentStatus(string Id, string Name, ComponentState State, string Detail);

/// <summary>A component's state.</summary>
public enum ComponentState
{
    /// <summary>Works.</summary>
    Operational,

    /// <summary>Works, slower or partly.</summary>
    Degraded,

    /// <summary>Does not work.</summary>
    Down,

    /// <summary>Not known right now.</summary>
    Unknown,
}

/// <summary>An incident as the public sees it: its public words and times, and what opened it (never who).</summary>
/// <param name="State"><c>open</c> or <c>resolved</c>.</param>
/// <param name="Message">Its public message.</param>
/// <param name="StartedAt">When it was opened.</param>
/// <param name="UpdatedAt">When its message last changed.</param>
/// <param name="ResolvedAt">When it was resolved, or null.</param>
/// <param name="Resolution">The public words it was resolved with, or null.</param>
/// <param name="Source">What opened it.</param>
public sealed record PublicIncident(
    IncidentState State, string Message, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolvedAt, string? Resolution, IncidentSource Source)
{
    /// <summary>The public side of <paramref name="incident"/>.</summary>
    public static PublicIncident Of(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new PublicIncident(
            incident.IsOpen ? IncidentState.Open : IncidentState.Resolved,
            incident.Message,
            incident.OpenedAt,
            incident.UpdatedAt,
            incident.ResolvedAt,
            incident.Resolution,
            incident.Source);
    }
}

/// <summary>An active maintenance window as the public sees it.</summary>
/// <param name="Message">Its notice (the operator's public text).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Until">When it ends by itself.</param>
public sealed record PublicMaintenance(string Message, DateTimeOffset StartedAt, DateTimeOffset Until);

/// <summary>Daily uptime from the probe records.</summary>
/// <param name="Days">How many days (<see cref="StatusOptions.UptimeDays"/>), oldest first, today last.</param>
/// <param name="Known">False when the probe records could not be read: every day shows no data.</param>
/// <param name="Overall">The share of all probed minutes that were up, or null when none was probed.</param>
/// <param name="Daily">One entry per UTC day.</param>
public sealed record UptimeHistory(int Days, bool Known, double? Overall, IReadOnlyList<DailyUptime> Daily);

/// <summary>One UTC day's uptime.</summary>
/// <param name="Date">The day.</param>
/// <param name="Uptime">The share of its probed minutes that were up (0 to 1); null when no minute was probed ("no data", never 100%).</param>
/// <param name="ProbedMinutes">Minutes with at least one completed probe record.</param>
/// <param name="UpMinutes">Of those, the minutes whose every probe record was up.</param>
public sealed record DailyUptime(DateOnly Date, double? Uptime, int ProbedMinutes, int UpMinutes);

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// Incidents as an operator sees them (<c>continuity incident status</c>, <c>GET /api/incidents</c>): the open or last
/// incident, how many users wrote during it and how many were told it was resolved, and the last few incidents.
/// </summary>
/// <param name="CheckedAt">When this was read.</param>
/// <param name="State">Where the current incident stands.</param>
/// <param name="Incident">The open or last incident, or null when none was ever opened.</param>
/// <param name="UsersWrote">How many users wrote while it was open (every region).</param>
/// <param name="UsersTold">How many of them got the "resolved" notice.</param>
/// <param name="Recent">The last incidents, newest first (the current one among them).</param>
public sealed record IncidentStatus(
    DateTimeOffset CheckedAt,
    IncidentState State,
    Incident? Incident,
    long UsersWrote,
    long UsersTold,
    IReadOnlyList<Incident> Recent)
{
    /// <summary>True while an incident is open.</summary>
    public bool Open => State == IncidentState.Open;
}

/// <summary>Where the current incident stands.</summary>
public enum IncidentState
{
    /// <summary>No incident was ever opened.</summary>
    None,

    /// <summary>An incident is open.</summary>
    Open,

    /// <summary>The last incident is resolved.</summary>
    Resolved,
}

/// <summary>What opening (or updating) an incident did, or why it was refused.</summary>
/// <param name="Incident">The incident as stored; null when refused.</param>
/// <param name="Created">True for a new incident, false when the open one's message changed.</param>
/// <param name="Problem">Why it was refused (nothing stored).</param>
public sealed record IncidentOpenResult(Incident? Incident, bool Created, string? Problem);

/// <summary>What resolving did.</summary>
/// <param name="Incident">The incident as resolved; null when none was open, or when refused.</param>
/// <param name="Problem">Why it was refused (nothing stored).</param>
public sealed record IncidentResolveResult(Incident? Incident, string? Problem);

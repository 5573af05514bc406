using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// An incident: something users notice is wrong, said in public words on the status page. At most one is open at a time
/// (<see cref="IncidentStore"/>); it is opened by an operator, by the availability probe or by a paging alert, and
/// resolved by an operator or by what opened it. Its message is public: no personal data, ever.
/// </summary>
/// <param name="Id">The incident's id (<c>20270115T080000Z-1a2b3c4d</c>): users are told once per incident id.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="OpenedBy">Who opened it: an operator's name, <see cref="IncidentOpeners.Probe"/> or <see cref="IncidentOpeners.Alert"/>.</param>
/// <param name="Message">The public text, as typed (1 to <see cref="IncidentRequest.MaxMessageLength"/> characters).</param>
/// <param name="UpdatedAt">When the message last changed (the opening time until then).</param>
/// <param name="ResolvedAt">When it was resolved, or null while open.</param>
/// <param name="ResolvedBy">Who resolved it, or null.</param>
/// <param name="Resolution">The public words an operator added when resolving it, or null.</param>
/// <param name="FiringAlerts">The alert rules that fired and have not resolved yet while it was open.</param>
public sealed record Incident(
    string Id,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    string Message,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    string? Resolution = null,
    [property: JsonIgnore] IReadOnlyList<string>? FiringAlerts = null)
{
    /// <summary>True until it is resolved.</summary>
    public bool IsOpen => ResolvedAt is null;

    /// <summary>What opened it, for the public: <c>operator</c>, <c>probe</c> or <c>alert</c> (never an operator's name).</summary>
    public IncidentSource Source => OpenedBy switch
    {
        IncidentOpeners.Probe => IncidentSource.Probe,
        IncidentOpeners.Alert => IncidentSource.Alert,
        _ => IncidentSource.Operator,
    };

    /// <summary>The alert rules still firing (never null).</summary>
    public IReadOnlyList<string> Alerts => FiringAlerts ?? [];
}

/// <summary>What opened an incident.</summary>
public enum IncidentSource
{
    /// <summary>An operator (<c>continuity incident open</c> or the route); only an operator resolves it.</summary>
    Operator,

    /// <summary>The availability probe, after failures in a row; it resolves it after successes in a row.</summary>
    Probe,

    /// <summary>A paging alert's webhook; it resolves it when every alert that fired has resolved.</summary>
    Alert,
}

/// <summary>The names automation opens and resolves incidents as.</summary>
public static class IncidentOpeners
{
    /// <summary>The availability probe.</summary>
    public const string Probe = "probe";

    /// <summary>A paging alert (Azure Monitor's action group).</summary>
    public const string Alert = "alert";
}

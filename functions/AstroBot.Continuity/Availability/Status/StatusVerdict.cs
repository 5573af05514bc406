using System.Globalization;
using AstroBot.Continuity.Availability.Incidents;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// Turns what was read (<see cref="StatusParts"/>) into the public status: each component's state and sentence, the
/// overall state, the incident and maintenance to show. Pure: what cannot be read is unknown, never operational.
/// </summary>
public static class StatusVerdict
{
    /// <summary>A probe record older than this says nothing about now.</summary>
    public static readonly TimeSpan ProbeFreshness = TimeSpan.FromMinutes(10);

    /// <summary>A resolved incident stays on the page this long.</summary>
    public static readonly TimeSpan ResolvedShownFor = TimeSpan.FromDays(1);

    /// <summary>More webhooks than this waiting in the inbox (outside maintenance) is a backlog.</summary>
    public const long BacklogAbove = 1000;

    /// <summary>The public status of <paramref name="parts"/>.</summary>
    public static StatusReport Of(StatusParts parts, int uptimeDays)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var now = parts.Now;
        var maintenance = parts.Maintenance?.Value is { } window && window.IsActiveAt(now) ? new PublicMaintenance(window.Message, window.StartedAt, window.Until) : null;
        var incident = parts.Incident?.Value is { } current && (current.IsOpen || now - current.ResolvedAt < ResolvedShownFor) ? PublicIncident.Of(current) : null;
        var latest = parts.Probe?.Latest is { } record && now - record.SentAt <= ProbeFreshness ? record : null;
        var components = new List<ComponentStatus>
        {
            Received(latest, parts.Probe is not null),
            Processed(latest, parts.Probe is not null),
            Backlog(parts.Backlog, maintenance is not null),
            Database(parts.DatabaseReady),
            Backups(parts.Backups),
            Replies(parts.Replies),
        };
        var unknown = new List<string>();
        AddIf(unknown, parts.Incident is null, "incident");
        AddIf(unknown, parts.Maintenance is null, "maintenance");
        AddIf(unknown, parts.Probe is null || !parts.Probe.Uptime.Known, "uptime");
        var overall = Overall(components, incident, maintenance);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new StatusReport(
            now,
            overall,
            Headline(overall),
            components,
            incident,
            maintenance,
            parts.Probe?.Uptime ?? UptimeCalculator.Unknown(today, uptimeDays),
            unknown);
    }

    private static OverallState Overall(IReadOnlyList<ComponentStatus> components, PublicIncident? incident, PublicMaintenance? maintenance)
    {
        var received = components[0].State;
        if (maintenance is not null)
        {
            return OverallState.Maintenance;
        }

        if (received == ComponentState.Down)
        {
            return OverallState.Outage;
        }

        if (incident is { State: IncidentState.Open } || components.Any(component => component.State is ComponentState.Degraded or ComponentState.Down))
        {
            return OverallState.Degraded;
        }

        return received == ComponentState.Unknown ? OverallState.Unknown : OverallState.Operational;
    }

    private static string Headline(OverallState overall) => overall switch
    {
        OverallState.Operational => "All systems operational",
        OverallState.Degraded => "Some things are not working as they should",
        OverallState.Outage => "AstroBot is not receiving messages right now",
        OverallState.Maintenance => "Planned maintenance in progress",
        _ => "Status unknown right now",
    };

    private static ComponentStatus Received(Probe.ProbeRecord? latest, bool read) => latest switch
    {
        null => new("messages_received", "Receiving messages", ComponentState.Unknown, read ? "No recent measurement." : "The measurements could not be read just now."),
        { Acknowledged: true } => new("messages_received", "Receiving messages", ComponentState.Operational, "Messages sent to AstroBot are accepted."),
        _ => new("messages_received", "Receiving messages", ComponentState.Down, "Messages are not accepted right now; WhatsApp keeps retrying them."),
    };

    private static ComponentStatus Processed(Probe.ProbeRecord? latest, bool read) => latest switch
    {
        null => new("messages_processed", "Processing messages", ComponentState.Unknown, read ? "No recent measurement." : "The measurements could not be read just now."),
        { HandedOver: true } => new("messages_processed", "Processing messages", ComponentState.Operational, "Accepted messages reach AstroBot within a minute."),
        { Acknowledged: true } => new("messages_processed", "Processing messages", ComponentState.Degraded, "Accepted messages take longer than a minute to reach AstroBot; they are kept."),
        _ => new("messages_processed", "Processing messages", ComponentState.Unknown, "Not measured while messages are not accepted."),
    };

    private static ComponentStatus Backlog(QueueCounts? counts, bool maintenance)
    {
        const string Id = "inbox_backlog", Name = "Inbox backlog";
        if (counts is null)
        {
            return new(Id, Name, ComponentState.Unknown, "The queues could not be read just now.");
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{counts.Inbox:N0} waiting, {counts.Held:N0} held for maintenance, {counts.Poison:N0} waiting for an operator.");
        var state = counts.Poison > 0 || (counts.Inbox > BacklogAbove && !maintenance) ? ComponentState.Degraded : ComponentState.Operational;
        return new(Id, Name, state, detail);
    }

    private static ComponentStatus Database(bool? ready) => ready switch
    {
        true => new("database", "Database", ComponentState.Operational, "AstroBot's database answers."),
        false => new("database", "Database", ComponentState.Down, "AstroBot's database does not answer; messages wait and are processed when it does."),
        _ => new("database", "Database", ComponentState.Unknown, "Not checked just now."),
    };

    private static ComponentStatus Backups(Backup.Health.BackupHealthReport? report) => report switch
    {
        null => new("backups", "Backups", ComponentState.Unknown, "The backup catalog could not be read just now."),
        { IsHealthy: true } => new("backups", "Backups", ComponentState.Operational, "Backups are fresh and verified."),
        _ => new("backups", "Backups", ComponentState.Degraded, "Backups are behind their schedule; the operators are told."),
    };

    // Counts only: what waits is known here; whether WhatsApp delivers what Meta accepted is Meta's own status.
    private static ComponentStatus Replies(WhatsApp.Outbox.OutboxStatus? outbox) => outbox switch
    {
        null => new("whatsapp_replies", "Replies (WhatsApp)", ComponentState.Unknown, "The replies waiting to be sent could not be counted just now."),
        { WaitingReplies: 0 } => new("whatsapp_replies", "Replies (WhatsApp)", ComponentState.Operational, "Replies go out as they are written."),
        { WaitingReplies: var waiting } => new(
            "whatsapp_replies",
            "Replies (WhatsApp)",
            ComponentState.Degraded,
            string.Create(CultureInfo.InvariantCulture, $"WhatsApp is not taking our replies right now: {waiting:N0} wait and are sent, in order, as soon as it does.")),
    };

    private static void AddIf(List<string> list, bool condition, string item)
    {
        if (condition)
        {
            list.Add(item);
        }
    }
}

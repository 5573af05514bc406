using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Backup.Health;

using AstroBot.Continuity.WhatsApp.Outbox;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>What <see cref="StatusReporter"/> read, each part null when it could not be read in time.</summary>
/// <param name="Now">When it was read.</param>
/// <param name="Probe">The probe records' daily uptime and latest record.</param>
/// <param name="Incident">The current incident (<see cref="Read{T}.Value"/> null when none was ever opened).</param>
/// <param name="Maintenance">The current or last maintenance window.</param>
/// <param name="Backlog">This region's inbox, held and poison queue counts.</param>
/// <param name="DatabaseReady">Whether Cosmos DB answers.</param>
/// <param name="Backups">The backups' health.</param>
/// <param name="Replies">What the reply outbox holds (replies waiting while the Graph API is down).</param>
public sealed record StatusParts(
    DateTimeOffset Now,
    ProbeView? Probe,
    Read<Incident>? Incident,
    Read<MaintenanceWindow>? Maintenance,
    QueueCounts? Backlog,
    bool? DatabaseReady,
    BackupHealthReport? Backups,
    OutboxStatus? Replies);

/// <summary>A row that was read: its value, null when there was none.</summary>
/// <typeparam name="T">The row's value.</typeparam>
/// <param name="Value">The value, or null.</param>
public sealed record Read<T>(T? Value)
    where T : class;

/// <summary>The probe records as the status uses them.</summary>
/// <param name="Uptime">The daily uptime.</param>
/// <param name="Latest">The newest completed record, or null.</param>
public sealed record ProbeView(UptimeHistory Uptime, ProbeRecord? Latest);

/// <summary>This region's user-message queues, counts only.</summary>
/// <param name="Inbox">Webhooks waiting to be processed.</param>
/// <param name="Held">Webhooks a maintenance window held.</param>
/// <param name="Poison">Webhooks that failed every attempt and wait for an operator.</param>
public sealed record QueueCounts(long Inbox, long Held, long Poison);

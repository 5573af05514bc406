using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>The public status page and <c>/api/status</c> (section <c>Status</c>; docs/availability.md, "Status page and incidents").</summary>
public sealed class StatusOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Status";

    /// <summary>How many days of daily uptime the status shows.</summary>
    public const int UptimeDays = 90;

    /// <summary>
    /// How long a process answers every caller with the status it last put together (components, incident, maintenance),
    /// so anonymous callers cannot make every request read storage, Cosmos DB and the backup catalog. Default 15 seconds
    /// (0 to 10 minutes; 0 puts it together for each request, which only tests want).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Status:CacheDuration must be between 0 and 10 minutes")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a process keeps the 90 days of daily uptime it computed from the probe records (91 day partitions read).
    /// Default 1 minute (0 to 1 hour).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Status:UptimeCacheDuration must be between 0 and 1 hour")]
    public TimeSpan UptimeCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long each part of the status (a dependency's check, a table's read) may take before it is shown as unknown.
    /// Default 5 seconds (100 ms to 30 seconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30", ErrorMessage = "Status:CheckTimeout must be between 100 ms and 30 seconds")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

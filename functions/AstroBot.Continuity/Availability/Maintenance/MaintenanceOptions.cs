using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>Maintenance mode (section <c>Maintenance</c>; docs/operations/maintenance.md).</summary>
public sealed class MaintenanceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Maintenance";

    /// <summary>
    /// How long an inbox processor trusts what it last read of the maintenance window, of its region's held queue and of
    /// its region's outage (Availability/Degradation) before it reads them again, so the inbox does not read the table for
    /// every message. A window started or stopped
    /// takes effect within this long in every region. Default 5 seconds (0 to 1 minute; 0 reads every time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Maintenance:CacheDuration must be between 0 and 1 minute")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far ahead a window may end: <c>maintenance start</c> and the admin route refuse a later end. Default 7 days
    /// (1 minute to 30 days).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Maintenance:MaxWindow must be between 1 minute and 30 days")]
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long one run of the drain (the <c>MaintenanceDrain</c> timer) moves held messages on before it leaves the rest
    /// to the next run; well inside host.json's <c>functionTimeout</c> (10 minutes). Default 4 minutes (1 second to 8 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:08:00", ErrorMessage = "Maintenance:DrainRunDuration must be between 1 second and 8 minutes")]
    public TimeSpan DrainRunDuration { get; set; } = TimeSpan.FromMinutes(4);
}

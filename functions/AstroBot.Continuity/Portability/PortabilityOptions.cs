using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Portability;

/// <summary>Exports, imports and erasure (section <c>Portability</c>).</summary>
public sealed class PortabilityOptions
{
    public const string SectionName = "Portability";

    /// <summary>The setting the Functions queue trigger reads the export request queue's name from.</summary>
    public const string ExportRequestQueueNameSetting = SectionName + ":" + nameof(ExportRequestQueueName);

    private const string TableNamePattern = "^[A-Za-z][A-Za-z0-9]{2,62}$";
    // 56 characters at most, so "{name}-poison" is still a queue name.
    private const string QueueNamePattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$";

    /// <summary>The blob container that holds export archives until their link expires. Default: "exports".</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Portability:ExportContainerName must be a valid blob container name.")]
    public string ExportContainerName { get; set; } = "exports";

    /// <summary>The table of export requests, link creations and downloads per user. Default: "audit".</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = "Portability:AuditTableName must be a valid table name.")]
    public string AuditTableName { get; set; } = "audit";

    /// <summary>How long an export link works. Default: 24 hours; at most 7 days (what a user delegation SAS allows).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Portability:LinkLifetime must be between 5 minutes and 7 days.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The table of exports made through WhatsApp: one row per user and export (blob name, created, expires, state),
    /// keyed by the user's pseudonymous reference. Default: "exports".
    /// </summary>
    [RegularExpression(TableNamePattern, ErrorMessage = "Portability:ExportTableName must be a valid table name.")]
    public string ExportTableName { get; set; } = "exports";

    /// <summary>The table of confirmations a user was asked for (EXPORT, DELETE MY DATA), keyed by the user's reference. Default: "confirmations".</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = "Portability:ConfirmationTableName must be a valid table name.")]
    public string ConfirmationTableName { get; set; } = "confirmations";

    /// <summary>How long a user has to answer YES to EXPORT or DELETE MY DATA. Default: 10 minutes (1 minute to 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Portability:ConfirmationWindow must be between 1 minute and 1 hour.")]
    public TimeSpan ConfirmationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after an export a new one is refused (the user gets the pending status or the latest link instead).
    /// Default: 24 hours; at least 1 day, because an export's orchestration id is per user and UTC day.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00", ErrorMessage = "Portability:ExportCooldown must be between 1 and 30 days.")]
    public TimeSpan ExportCooldown { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The queue a confirmed export request waits on until a host starts its orchestration (the Functions queue
    /// trigger, or the local host's pump). Default: "export-requests"; failed messages go to "{name}-poison".
    /// </summary>
    [RegularExpression(QueueNamePattern, ErrorMessage = "Portability:ExportRequestQueueName must be a storage queue name.")]
    public string ExportRequestQueueName { get; set; } = "export-requests";
}

using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Portability;

/// <summary>Exports, imports and erasure (section <c>Portability</c>).</summary>
public sealed class PortabilityOptions
{
    public const string SectionName = "Portability";

    /// <summary>The blob container that holds export archives until their link expires. Default: "exports".</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Portability:ExportContainerName must be a valid blob container name.")]
    public string ExportContainerName { get; set; } = "exports";

    /// <summary>The table of export requests, link creations and downloads per user. Default: "audit".</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Portability:AuditTableName must be a valid table name.")]
    public string AuditTableName { get; set; } = "audit";

    /// <summary>How long an export link works. Default: 24 hours; at most 7 days (what a user delegation SAS allows).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Portability:LinkLifetime must be between 5 minutes and 7 days.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}

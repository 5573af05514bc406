using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// Where the SLA report reads the probe's runs: configuration section <c>Availability</c>, beside the probe's own
/// settings. Bicep sets <c>Availability__LogAnalyticsWorkspaceId</c> on each app; locally it is empty and the report
/// reads the probe table (docs/availability.md, "Reporting").
/// </summary>
public sealed class SlaReportOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to (the probe's).</summary>
    public const string SectionName = "Availability";

    /// <summary>
    /// The Workspace ID (a GUID, the workspace's <c>customerId</c>) of the Log Analytics workspace that receives the
    /// app's logs. Set: the report reads the probe's events there (<c>AppTraces</c>, event 1700). Empty (the default):
    /// it reads the probe table.
    /// </summary>
    public string? LogAnalyticsWorkspaceId { get; set; }

    /// <summary>The query API's endpoint. Default <c>https://api.loganalytics.io</c> (the public cloud).</summary>
    [Required(ErrorMessage = "Availability:LogAnalyticsEndpoint is required")]
    public string LogAnalyticsEndpoint { get; set; } = "https://api.loganalytics.io";

    /// <summary>True when the report reads Log Analytics.</summary>
    public bool ReadsLogAnalytics => !string.IsNullOrWhiteSpace(LogAnalyticsWorkspaceId);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReadsLogAnalytics && !Guid.TryParseExact(LogAnalyticsWorkspaceId!.Trim(), "D", out _))
        {
            yield return new ValidationResult(
                "Availability:LogAnalyticsWorkspaceId must be the workspace's Workspace ID, a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), or empty",
                [nameof(LogAnalyticsWorkspaceId)]);
        }

        if (!Uri.TryCreate(LogAnalyticsEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps || endpoint.AbsolutePath != "/")
        {
            yield return new ValidationResult(
                "Availability:LogAnalyticsEndpoint must be an https URL without a path, such as https://api.loganalytics.io",
                [nameof(LogAnalyticsEndpoint)]);
        }
    }

    /// <summary><see cref="LogAnalyticsEndpoint"/> as a URI (validation refuses anything else at start).</summary>
    public Uri LogAnalyticsEndpointUri => new(LogAnalyticsEndpoint, UriKind.Absolute);
}

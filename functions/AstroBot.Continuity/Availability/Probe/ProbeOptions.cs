using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// The synthetic availability probe: configuration section <c>Availability</c>. Bicep sets
/// <c>Availability__PublicBaseUrl</c> (Front Door's endpoint) and <c>Availability__Region</c> (the app's Azure location)
/// per regional app; everything else has a default (docs/availability.md, "Probe").
/// </summary>
public sealed class ProbeOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Availability";

    /// <summary>The setting that names the public endpoint, for messages that point at it.</summary>
    public const string PublicBaseUrlSetting = SectionName + ":" + nameof(PublicBaseUrl);

    /// <summary>
    /// The probe user's default phone number: 16 digits, one more than an E.164 number may have, starting with the
    /// country code 0, which the ITU never assigns. No WhatsApp user can have it.
    /// </summary>
    public const string DefaultProbeWaId = "0000000000000000";

    /// <summary>
    /// The probe user's default BSUID: Meta's documented shape with the country code <c>ZZ</c>, which ISO 3166 keeps
    /// for private use and assigns to no country, so Meta mints no BSUID with it.
    /// </summary>
    public const string DefaultProbeBsuid = "ZZ.AstroBotAvailabilityProbe";

    /// <summary>
    /// Where users reach the service, without the <c>/api/...</c> path: Front Door's endpoint in Azure
    /// (<c>https://&lt;endpoint&gt;.z01.azurefd.net</c>, set by Bicep), where the probe sends its webhook. Empty: in
    /// <c>continuity serve</c>, the local host's own address; in the Functions app, the probe is off (logged every run).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Which region this host is (Bicep: the app's Azure location), recorded with each probe it runs or processes. Default <c>local</c>.</summary>
    [Required(ErrorMessage = "Availability:Region is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "Availability:Region must be 1-64 letters, digits, dots, dashes or underscores")]
    public string Region { get; set; } = "local";

    /// <summary>
    /// The reserved probe user's phone number (<c>wa_id</c>). Default <see cref="DefaultProbeWaId"/>. Only numbers no
    /// person can have are accepted (a 0 first, 16 to 20 digits), because the inbox swallows every message from it.
    /// </summary>
    [Required(ErrorMessage = "Availability:ProbeWaId is required")]
    [RegularExpression("^0[0-9]{15,19}$", ErrorMessage = "Availability:ProbeWaId must be a number no phone can have: a 0 first, then 15 to 19 more digits")]
    public string ProbeWaId { get; set; } = DefaultProbeWaId;

    /// <summary>
    /// The reserved probe user's BSUID. Default <see cref="DefaultProbeBsuid"/>. Only the private-use country code
    /// <c>ZZ</c> is accepted, for the same reason as <see cref="ProbeWaId"/>.
    /// </summary>
    [Required(ErrorMessage = "Availability:ProbeBsuid is required")]
    [RegularExpression(@"^ZZ\.[A-Za-z0-9]{1,128}$", ErrorMessage = "Availability:ProbeBsuid must be ZZ. followed by 1-128 letters or digits")]
    public string ProbeBsuid { get; set; } = DefaultProbeBsuid;

    /// <summary>The table of probe records, in the <c>Storage</c> account both regions share. Default <c>availabilityprobes</c>.</summary>
    [Required(ErrorMessage = "Availability:ProbeTableName is required")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Availability:ProbeTableName must be a table name (3-63 letters or digits, starting with a letter)")]
    public string ProbeTableName { get; set; } = "availabilityprobes";

    /// <summary>How long the probe waits for the answer to its webhook. Default 30 seconds, Front Door's origin timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Availability:ProbeRequestTimeout must be between 1 second and 1 minute")]
    public TimeSpan ProbeRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The definition of up: a webhook is acknowledged (200) within this. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Availability:ProbeAcknowledgeWithin must be between 100 ms and 1 minute")]
    public TimeSpan ProbeAcknowledgeWithin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The definition of up: an acknowledged webhook is handed over (processed by the inbox) within this, counted from
    /// the send; the probe waits that long at most. Default 60 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Availability:ProbeHandOverWithin must be between 1 second and 5 minutes")]
    public TimeSpan ProbeHandOverWithin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the probe looks for the inbox's hand-over mark while it waits. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10", ErrorMessage = "Availability:ProbePollInterval must be between 10 ms and 10 seconds")]
    public TimeSpan ProbePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long probe records are kept: each day's runs are deleted once the day is older than this
    /// (<see cref="ProbeRecordPruneJob"/>, daily). Default 400 days: a year of monthly SLA reports with their 3-day burn-rate
    /// windows, and the status page's 90 days. At least 35 days (a month's report and its windows), at most 3,650.
    /// </summary>
    [Range(typeof(TimeSpan), "35.00:00:00", "3650.00:00:00", ErrorMessage = "Availability:ProbeRetention must be between 35 and 3650 days")]
    public TimeSpan ProbeRetention { get; set; } = TimeSpan.FromDays(400);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && !(Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                "Availability:PublicBaseUrl must be an absolute http or https URL, or empty", [nameof(PublicBaseUrl)]);
        }
    }

    /// <summary><see cref="PublicBaseUrl"/> as a URI, or null when it is not set (or not a URL, which validation refuses at start).</summary>
    public Uri? PublicBaseUri =>
        !string.IsNullOrWhiteSpace(PublicBaseUrl) && Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri) ? uri : null;
}

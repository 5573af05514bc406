using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>Incidents (section <c>Incidents</c>; docs/operations/incidents.md).</summary>
public sealed class IncidentOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Incidents";

    /// <summary>The table of the current incident, their history and whom to tell, in the account both regions share. Default <c>incidents</c>.</summary>
    [Required(ErrorMessage = "Incidents:TableName is required")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Incidents:TableName must be a table name (3-63 letters or digits, starting with a letter)")]
    public string TableName { get; set; } = "incidents";

    /// <summary>
    /// The probe opens an incident when its last this many records (any region) were all down and none is open.
    /// Default 3 (1 to 60).
    /// </summary>
    [Range(1, 60, ErrorMessage = "Incidents:OpenAfterProbeFailures must be between 1 and 60")]
    public int OpenAfterProbeFailures { get; set; } = 3;

    /// <summary>
    /// The probe resolves an incident it opened itself when its last this many records (any region) were all up, so a
    /// flapping service does not open and resolve an incident every minute. Default 5 (1 to 60).
    /// </summary>
    [Range(1, 60, ErrorMessage = "Incidents:ResolveAfterProbeSuccesses must be between 1 and 60")]
    public int ResolveAfterProbeSuccesses { get; set; } = 5;

    /// <summary>The public message of an incident the probe or an alert opens.</summary>
    [Required(ErrorMessage = "Incidents:AutomaticMessage is required")]
    [StringLength(IncidentRequest.MaxMessageLength, ErrorMessage = "Incidents:AutomaticMessage holds 1,000 characters at most")]
    public string AutomaticMessage { get; set; } =
        "AstroBot is having trouble receiving or answering messages. We are working on it. Your messages are kept and will be answered.";

    /// <summary>What each user who wrote during an incident gets, once, when it is resolved (one WhatsApp text).</summary>
    [Required(ErrorMessage = "Incidents:ResolvedNotice is required")]
    [StringLength(4096, ErrorMessage = "Incidents:ResolvedNotice holds 4,096 characters at most (one WhatsApp text)")]
    public string ResolvedNotice { get; set; } =
        "Good news: AstroBot is working normally again. Thank you for your patience. The messages you sent while we had trouble were all kept, and they are being answered.";

    /// <summary>
    /// How long an inbox processor trusts the open incident it last read before reading it again. Default 5 seconds
    /// (0 to 1 minute; 0 reads every time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Incidents:CacheDuration must be between 0 and 1 minute")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many "resolved" notices one run of the <c>IncidentNotices</c> job sends at most. Default 50 (1 to 1,000).</summary>
    [Range(1, 1000, ErrorMessage = "Incidents:NoticeBatchSize must be between 1 and 1000")]
    public int NoticeBatchSize { get; set; } = 50;
}

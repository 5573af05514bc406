using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>The reply outbox (section <c>Outbox</c>; docs/availability.md, "The reply outbox").</summary>
public sealed class OutboxOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Outbox";

    /// <summary>
    /// The table in the app account both regions share (the message ledger's) where replies wait while the Graph API is
    /// down. Default <c>replyoutbox</c>.
    /// </summary>
    [Required(ErrorMessage = "Outbox:TableName is required")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Outbox:TableName must be a table name (3-63 letters or digits, starting with a letter)")]
    public string TableName { get; set; } = "replyoutbox";

    /// <summary>
    /// How long one run of the drain (the <c>OutboxDrain</c> timer) starts new sends before it leaves the rest to the next
    /// run. A send already started finishes (up to <c>WhatsApp:MaxSendAttempts</c> attempts), so keep this plus one send well
    /// inside host.json's <c>functionTimeout</c> (10 minutes). Default 2 minutes (1 second to 5 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Outbox:DrainRunDuration must be between 1 second and 5 minutes")]
    public TimeSpan DrainRunDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many waiting replies one run of the drain sends at most. Default 200 (1 to 5,000).</summary>
    [Range(1, 5000, ErrorMessage = "Outbox:MaxSendsPerRun must be between 1 and 5000")]
    public int MaxSendsPerRun { get; set; } = 200;

    /// <summary>
    /// How long a drain holds a user's replies (their lease row) without renewing it; renewed before each send. Another
    /// region's drain leaves the user alone meanwhile, and takes over when a crashed drain's lease lapses. Must exceed one
    /// send at its longest (<c>WhatsApp:MaxSendAttempts</c> × (<c>WhatsApp:AttemptTimeout</c> + <c>WhatsApp:MaxRetryDelay</c>),
    /// about 3.5 minutes by default), or two regions could send the same reply. Default 5 minutes (10 seconds to 1 hour).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Outbox:LeaseDuration must be between 10 seconds and 1 hour")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}

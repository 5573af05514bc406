using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API settings: configuration section <c>WhatsApp</c>
/// (environment variables <c>WhatsApp__AppSecret</c>, <c>WhatsApp__AccessToken</c>, ...).
/// </summary>
public sealed class WhatsAppOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "WhatsApp";

    /// <summary>The Meta app secret that signs webhooks (<c>X-Hub-Signature-256</c>). Required.</summary>
    [Required(ErrorMessage = "WhatsApp:AppSecret is required")]
    public string AppSecret { get; set; } = "";

    /// <summary>The token Meta echoes in the webhook verification handshake (<c>hub.verify_token</c>). Required.</summary>
    [Required(ErrorMessage = "WhatsApp:VerifyToken is required")]
    public string VerifyToken { get; set; } = "";

    /// <summary>The Graph API bearer token (system user token) used to send messages. Required.</summary>
    [Required(ErrorMessage = "WhatsApp:AccessToken is required")]
    public string AccessToken { get; set; } = "";

    /// <summary>The business phone number id that sends the bot's messages. Required.</summary>
    [Required(ErrorMessage = "WhatsApp:PhoneNumberId is required")]
    public string PhoneNumberId { get; set; } = "";

    /// <summary>
    /// Absolute http(s) base URL of the Graph API. Default <c>https://graph.facebook.com</c>;
    /// the local host points it at the Graph API sink.
    /// </summary>
    [Required(ErrorMessage = "WhatsApp:GraphApiBaseUrl is required")]
    [AbsoluteHttpUrl(ErrorMessage = "WhatsApp:GraphApiBaseUrl must be an absolute http or https URL")]
    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>The Graph API version segment of the URL. Default <c>v21.0</c>.</summary>
    [Required(ErrorMessage = "WhatsApp:GraphApiVersion is required")]
    [RegularExpression(@"^v\d+\.\d+$", ErrorMessage = "WhatsApp:GraphApiVersion must look like v21.0")]
    public string GraphApiVersion { get; set; } = "v21.0";

    /// <summary>
    /// The approved template sent instead of free text when the 24 h customer service window is closed.
    /// Default <c>astrobot_reconnect</c>.
    /// </summary>
    [Required(ErrorMessage = "WhatsApp:ReconnectTemplateName is required")]
    public string ReconnectTemplateName { get; set; } = "astrobot_reconnect";

    /// <summary>The language code of the reconnect template. Default <c>en</c>.</summary>
    [Required(ErrorMessage = "WhatsApp:ReconnectTemplateLanguage is required")]
    public string ReconnectTemplateLanguage { get; set; } = "en";

    /// <summary>How many times one message is attempted, the first attempt included. Default 5 (1 to 10).</summary>
    [Range(1, 10, ErrorMessage = "WhatsApp:MaxSendAttempts must be between 1 and 10")]
    public int MaxSendAttempts { get; set; } = 5;

    /// <summary>
    /// The HTTP timeout of one send attempt (the HttpClient timeout); a timed-out attempt is retried.
    /// Default 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "WhatsApp:AttemptTimeout must be between 1 ms and 5 minutes")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The median delay before the first retry; later retries back off exponentially with jitter.
    /// Default 1 second; zero retries immediately (tests).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "WhatsApp:RetryBaseDelay must be between 0 and 1 minute")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts, for the backoff and for a Retry-After header alike,
    /// so a reply is never held back for long. Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "WhatsApp:MaxRetryDelay must be between 0 and 10 minutes")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

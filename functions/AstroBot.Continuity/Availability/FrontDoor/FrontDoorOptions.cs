using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>The WhatsApp front door and inbox settings: configuration section <c>FrontDoor</c>.</summary>
public sealed class FrontDoorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FrontDoor";

    /// <summary>The setting the Functions queue trigger reads the inbox queue's name from (<c>%FrontDoor:InboxQueueName%</c>).</summary>
    public const string InboxQueueNameSetting = SectionName + ":" + nameof(InboxQueueName);

    // Azure Storage queue names: 3-63 lowercase letters, digits and single dashes, starting and ending alphanumeric.
    private const string QueueNamePattern = "^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$";

    /// <summary>The queue that durably records every accepted webhook. Default <c>whatsapp-inbox</c>.</summary>
    [Required(ErrorMessage = "FrontDoor:InboxQueueName is required")]
    [RegularExpression(QueueNamePattern, ErrorMessage = "FrontDoor:InboxQueueName must be a storage queue name (3-63 lowercase letters, digits, dashes)")]
    public string InboxQueueName { get; set; } = "whatsapp-inbox";

    /// <summary>The queue the bot reads the users' messages from (docs/bot-queue-contract.md). Default <c>bot-inbound</c>.</summary>
    [Required(ErrorMessage = "FrontDoor:BotQueueName is required")]
    [RegularExpression(QueueNamePattern, ErrorMessage = "FrontDoor:BotQueueName must be a storage queue name (3-63 lowercase letters, digits, dashes)")]
    public string BotQueueName { get; set; } = "bot-inbound";

    /// <summary>
    /// Where inbox messages go after <see cref="MaxDequeueCount"/> failed attempts; the Functions queue trigger
    /// uses the same <c>&lt;queue&gt;-poison</c> convention. Default <c>whatsapp-inbox-poison</c>.
    /// </summary>
    [Required(ErrorMessage = "FrontDoor:PoisonQueueName is required")]
    [RegularExpression(QueueNamePattern, ErrorMessage = "FrontDoor:PoisonQueueName must be a storage queue name (3-63 lowercase letters, digits, dashes)")]
    public string PoisonQueueName { get; set; } = "whatsapp-inbox-poison";

    /// <summary>How many times a queue message is attempted before it is moved to the poison queue. Default 5 (1 to 100).</summary>
    [Range(1, 100, ErrorMessage = "FrontDoor:MaxDequeueCount must be between 1 and 100")]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The blob container of webhook bodies too large for a queue message (claim check). Default <c>webhook-bodies</c>.</summary>
    [Required(ErrorMessage = "FrontDoor:ClaimCheckContainer is required")]
    [RegularExpression(QueueNamePattern, ErrorMessage = "FrontDoor:ClaimCheckContainer must be a blob container name (3-63 lowercase letters, digits, dashes)")]
    public string ClaimCheckContainer { get; set; } = "webhook-bodies";

    /// <summary>The message ledger table (idempotency by wamid, last inbound time, delivery statuses). Default <c>messageledger</c>.</summary>
    [Required(ErrorMessage = "FrontDoor:LedgerTableName is required")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "FrontDoor:LedgerTableName must be a table name (3-63 letters or digits, starting with a letter)")]
    public string LedgerTableName { get; set; } = "messageledger";

    /// <summary>
    /// How long a ledger row nobody wrote is kept before the daily prune deletes it. Default 30 days; at least
    /// 8 days, because Meta retries a webhook for up to 7 and deduplication by wamid must outlive that.
    /// </summary>
    [Range(typeof(TimeSpan), "8.00:00:00", "3650.00:00:00", ErrorMessage = "FrontDoor:LedgerRetention must be between 8 days and 10 years")]
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long recording one webhook may take before the front door answers 503 so Meta retries.
    /// Default 10 seconds (Meta gives up on a webhook call after about 20 seconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "FrontDoor:RecordTimeout must be between 1 ms and 1 minute")]
    public TimeSpan RecordTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> sent with a 503 when the inbox cannot be written. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "FrontDoor:RetryAfter must be between 1 second and 1 hour")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one delivery of a user's message holds it while routing it (its ledger claim): another delivery of the
    /// same wamid (Meta's duplicate, or the other region's copy after a failover) waits this long at most before it
    /// takes over from a delivery that died. Longer than routing one message takes (a reply with its retries), and well
    /// inside a function's timeout, since the waiting delivery waits inside its invocation. Default 60 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "FrontDoor:ClaimDuration must be between 1 second and 5 minutes")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Local host only: how long a received message stays invisible while it is processed. A message whose
    /// processing crashed reappears after this. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00", ErrorMessage = "FrontDoor:VisibilityTimeout must be between 1 second and 2 hours")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Local host only: how long a failed message waits before its next attempt. Default 10 seconds; zero retries at once (tests).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "FrontDoor:RetryDelay must be between 0 and 1 hour")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Local host only: the longest wait between two polls of an empty queue. Default 500 ms: a user's message (and an
    /// export's YES, then its request) waits at most this long per queue, for a few idle polls a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "FrontDoor:MaxPollInterval must be between 10 ms and 1 minute")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

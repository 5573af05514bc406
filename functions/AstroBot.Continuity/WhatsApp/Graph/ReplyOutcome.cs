namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>What became of a reply <see cref="ReplySender"/> was given.</summary>
/// <param name="Delivery">Sent now, waiting in the reply outbox, or given up on.</param>
/// <param name="Receipt">Meta's receipt when it was sent now; null otherwise.</param>
public sealed record ReplyOutcome(ReplyDelivery Delivery, SendReceipt? Receipt = null)
{
    /// <summary>Waiting in the reply outbox: the Graph API was down, or earlier replies to the same user wait there.</summary>
    public static ReplyOutcome Queued { get; } = new(ReplyDelivery.Queued);

    /// <summary>Meta will not take it for this recipient (a template to a BSUID, 131062) and no other address is known.</summary>
    public static ReplyOutcome Unreachable { get; } = new(ReplyDelivery.Unreachable);

    /// <summary>Meta accepted it now.</summary>
    public static ReplyOutcome Sent(SendReceipt receipt) => new(ReplyDelivery.Sent, receipt);
}

/// <summary>Where a reply went.</summary>
public enum ReplyDelivery
{
    /// <summary>Meta accepted it.</summary>
    Sent,

    /// <summary>It waits in the reply outbox; the <c>OutboxDrain</c> timer sends it, in order per user.</summary>
    Queued,

    /// <summary>Given up on: the user cannot be reached at the only address known.</summary>
    Unreachable,
}

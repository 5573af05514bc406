namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>A delivery status of a message the bot sent (<c>statuses[]</c>).</summary>
/// <param name="Wamid">The id of the message the bot sent.</param>
/// <param name="RecipientId">The recipient's <c>wa_id</c>.</param>
/// <param name="Status">The new status.</param>
/// <param name="Timestamp">When the status changed.</param>
/// <param name="Errors">Why it failed; empty unless <see cref="MessageStatus.Failed"/>.</param>
public sealed record MessageStatusUpdate(
    string Wamid,
    string RecipientId,
    MessageStatus Status,
    DateTimeOffset Timestamp,
    IReadOnlyList<WebhookError> Errors);

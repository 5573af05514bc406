namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>A delivery status of a message the bot sent (<c>statuses[]</c>).</summary>
/// <param name="Wamid">The id of the message the bot sent.</param>
/// <param name="Recipient">Who it went to: <c>recipient_id</c> and/or <c>recipient_user_id</c>, and what a <c>contacts[]</c> block added.</param>
/// <param name="Status">The new status.</param>
/// <param name="Timestamp">When the status changed.</param>
/// <param name="Errors">Why it failed; empty unless <see cref="MessageStatus.Failed"/>.</param>
public sealed record MessageStatusUpdate(
    string Wamid,
    UserIdentifiers Recipient,
    MessageStatus Status,
    DateTimeOffset Timestamp,
    IReadOnlyList<WebhookError> Errors);

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>A message a user sent to the bot.</summary>
/// <param name="Wamid">Meta's message id; processing is idempotent by it.</param>
/// <param name="Sender">Who sent it: phone number and/or BSUID (never neither), parent BSUID and username when given.</param>
/// <param name="PhoneNumberId">The business phone number that received it (<c>metadata.phone_number_id</c>).</param>
/// <param name="Timestamp">When the user sent it.</param>
/// <param name="Type">Meta's message type as given (<c>text</c>, <c>interactive</c>, <c>button</c>, <c>image</c>, ...).</param>
/// <param name="Text"><c>text.body</c>, or the title of the tapped button or list row; null for other types.</param>
/// <param name="ReplyId">The payload of a tapped template button or the id of an interactive reply.</param>
/// <param name="ProfileName">The sender's WhatsApp profile name from <c>contacts[]</c>, when given.</param>
public sealed record InboundMessage(
    string Wamid,
    UserIdentifiers Sender,
    string PhoneNumberId,
    DateTimeOffset Timestamp,
    string Type,
    string? Text,
    string? ReplyId,
    string? ProfileName);

using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>Who sent a message, once the identity directory resolved their identifiers to a person.</summary>
/// <param name="UserKey">The person's stable key: their data, questions, exports, erasure and limits are keyed by it.</param>
/// <param name="ReplyTo">Where replies go: the phone number when this message or the directory knows it, else the BSUID.</param>
public sealed record MessageSender(string UserKey, MessageRecipient ReplyTo);

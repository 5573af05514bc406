using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>A continuity command to carry out.</summary>
/// <param name="Command">What the user asked for.</param>
/// <param name="Message">The message that asked.</param>
/// <param name="Sender">The person who asked: their key, and where replies go.</param>
/// <param name="LastInboundAt">When the user last wrote, for the 24 h window of <c>ReplySender</c>.</param>
public sealed record ContinuityCommandRequest(ContinuityCommand Command, InboundMessage Message, MessageSender Sender, DateTimeOffset LastInboundAt);

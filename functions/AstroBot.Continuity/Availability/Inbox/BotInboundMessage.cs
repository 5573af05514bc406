using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>One user message handed to the bot (<c>"kind":"message"</c>); see docs/bot-queue-contract.md.</summary>
public sealed record BotInboundMessage : BotQueueMessage
{
    /// <summary>The phone number, when this webhook carried it (Meta leaves it out for some username users).</summary>
    public string? From { get; init; }

    /// <summary>The business-scoped user ID (BSUID), when this webhook carried it.</summary>
    public string? FromUserId { get; init; }

    /// <summary>The parent BSUID, for businesses enrolled in them.</summary>
    public string? FromParentUserId { get; init; }

    /// <summary>The user's WhatsApp username, when they adopted one.</summary>
    public string? Username { get; init; }

    /// <summary>The business phone number the user wrote to.</summary>
    public required string PhoneNumberId { get; init; }

    /// <summary>When the user sent it (Meta's clock).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Meta's message type (<c>text</c>, <c>interactive</c>, <c>button</c>, <c>image</c>, ...).</summary>
    public required string Type { get; init; }

    /// <summary>The text, or the title of the tapped button or list row; null for other types.</summary>
    public string? Text { get; init; }

    /// <summary>The id or payload of the tapped button or list row.</summary>
    public string? ReplyId { get; init; }

    /// <summary>The user's WhatsApp profile name, when Meta sent it.</summary>
    public string? ProfileName { get; init; }

    /// <summary>The contract message for a parsed inbound message from the person <paramref name="sender"/> resolved to.</summary>
    public static BotInboundMessage Create(InboundMessage message, MessageSender sender, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sender);
        return new()
        {
            Wamid = message.Wamid,
            UserKey = sender.UserKey,
            ReplyTo = BotReplyAddress.From(sender.ReplyTo),
            From = message.Sender.Phone,
            FromUserId = message.Sender.Bsuid,
            FromParentUserId = message.Sender.ParentBsuid,
            Username = message.Sender.Username,
            PhoneNumberId = message.PhoneNumberId,
            Timestamp = message.Timestamp,
            ReceivedAt = receivedAt,
            Type = message.Type,
            Text = message.Text,
            ReplyId = message.ReplyId,
            ProfileName = message.ProfileName,
        };
    }
}

using System.Text.Json;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// One user message handed to the bot on the <c>bot-inbound</c> queue. This is a published contract:
/// docs/bot-queue-contract.md describes every field; change it only by adding fields or raising <see cref="V"/>.
/// </summary>
/// <param name="V">The contract version, 1.</param>
/// <param name="Wamid">Meta's message id; the bot must be idempotent by it (delivery is at least once).</param>
/// <param name="From">The user's wa_id.</param>
/// <param name="PhoneNumberId">The business phone number the user wrote to.</param>
/// <param name="Timestamp">When the user sent it (Meta's clock).</param>
/// <param name="ReceivedAt">When the front door accepted the webhook that carried it.</param>
/// <param name="Type">Meta's message type (<c>text</c>, <c>interactive</c>, <c>button</c>, <c>image</c>, ...).</param>
/// <param name="Text">The text, or the title of the tapped button or list row; null for other types.</param>
/// <param name="ReplyId">The id or payload of the tapped button or list row.</param>
/// <param name="ProfileName">The user's WhatsApp profile name, when Meta sent it.</param>
public sealed record BotInboundMessage(
    int V,
    string Wamid,
    string From,
    string PhoneNumberId,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    string Type,
    string? Text,
    string? ReplyId,
    string? ProfileName)
{
    /// <summary>The contract version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The contract message for a parsed inbound message.</summary>
    public static BotInboundMessage Create(InboundMessage message, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            CurrentVersion,
            message.Wamid,
            message.From,
            message.PhoneNumberId,
            message.Timestamp,
            receivedAt,
            message.Type,
            message.Text,
            message.ReplyId,
            message.ProfileName);
    }

    /// <summary>The queue message text: Base64 of the JSON.</summary>
    public string ToQueueText() =>
        Base64QueueText.Encode(JsonSerializer.SerializeToUtf8Bytes(this, AvailabilityJsonContext.Default.BotInboundMessage));

    /// <summary>Reads a contract message from queue message text.</summary>
    /// <exception cref="InvalidDataException">Not a contract message.</exception>
    public static BotInboundMessage FromQueueText(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(Base64QueueText.Decode(text), AvailabilityJsonContext.Default.BotInboundMessage)
                ?? throw new InvalidDataException("The bot queue message is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The bot queue message is not a contract message.", ex);
        }
    }
}

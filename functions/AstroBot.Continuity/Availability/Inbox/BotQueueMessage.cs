using System.Text.Json;
using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// What the bot reads from the <c>bot-inbound</c> queue: a user's message (<see cref="BotInboundMessage"/>,
/// <c>"kind":"message"</c>) or a change of a person's identifiers (<see cref="BotIdentityChanged"/>,
/// <c>"kind":"identity_changed"</c>). A published contract: docs/bot-queue-contract.md describes every field;
/// change it only by adding fields or raising <see cref="CurrentVersion"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(BotInboundMessage), "message")]
[JsonDerivedType(typeof(BotIdentityChanged), "identity_changed")]
public abstract record BotQueueMessage
{
    /// <summary>The contract version this code writes: 2 (version 1 had no identities and keyed users by phone number).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The contract version.</summary>
    [JsonPropertyOrder(-10)]
    public int V { get; init; } = CurrentVersion;

    /// <summary>Meta's id of the message that carried it: the idempotency key (delivery is at least once).</summary>
    [JsonPropertyOrder(-9)]
    public required string Wamid { get; init; }

    /// <summary>The person's stable key: the partition key (<c>wa_id</c>) of all their data, unchanged by a new number or BSUID.</summary>
    [JsonPropertyOrder(-8)]
    public required string UserKey { get; init; }

    /// <summary>Where to send a reply: put it into the Graph API request as it is.</summary>
    [JsonPropertyOrder(-7)]
    public required BotReplyAddress ReplyTo { get; init; }

    /// <summary>When the front door accepted the webhook that carried it.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The queue message text: Base64 of the JSON.</summary>
    public string ToQueueText() =>
        Base64QueueText.Encode(JsonSerializer.SerializeToUtf8Bytes(this, AvailabilityJsonContext.Default.BotQueueMessage));

    /// <summary>Reads a contract message from queue message text.</summary>
    /// <exception cref="InvalidDataException">Not a contract message of this version.</exception>
    public static BotQueueMessage FromQueueText(string text)
    {
        BotQueueMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(Base64QueueText.Decode(text), AvailabilityJsonContext.Default.BotQueueMessage);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidDataException("The bot queue message is not a contract message.", ex);
        }

        return message switch
        {
            null => throw new InvalidDataException("The bot queue message is empty."),
            { V: not CurrentVersion } => throw new InvalidDataException($"Bot queue contract version {message.V} is not supported."),
            _ => message,
        };
    }
}

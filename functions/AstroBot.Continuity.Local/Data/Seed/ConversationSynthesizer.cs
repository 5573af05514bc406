using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// The WhatsApp messages around a user's readings: the onboarding exchange, then for each reading the user's
/// request (daily readings are pushed, so they have none) and the bot's answer, one conversation per exchange.
/// </summary>
internal sealed class ConversationSynthesizer(string waId, SeedRandom random)
{
    public List<MessageDocument> Synthesize(DateTimeOffset accountCreatedAt, IReadOnlyList<ReadingDocument> readings)
    {
        var onboarding = "conv-" + random.Hex(16);
        var messages = new List<MessageDocument>
        {
            Message(onboarding, MessageDirection.In, accountCreatedAt, "Hi! I'd like my horoscope"),
            Message(onboarding, MessageDirection.Out, accountCreatedAt.AddSeconds(2), "Welcome to AstroBot ✨ Tell me your birth date, time and place to get started."),
        };
        foreach (var reading in readings)
        {
            var conversation = "conv-" + random.Hex(16);
            if (Request(reading.Kind) is { } request)
            {
                messages.Add(Message(conversation, MessageDirection.In, reading.CreatedAt.AddSeconds(-random.Next(5, 90)), request));
            }

            messages.Add(Message(conversation, MessageDirection.Out, reading.CreatedAt, reading.Text));
        }

        return messages;
    }

    private static string? Request(ReadingKind kind) => kind switch
    {
        ReadingKind.Natal => "Can you read my birth chart?",
        ReadingKind.Compatibility => "Are we compatible? 💞",
        ReadingKind.Transit => "What are my transits this week?",
        _ => null,
    };

    private MessageDocument Message(string conversationId, MessageDirection direction, DateTimeOffset at, string text)
    {
        // Shaped like Meta's ids: "wamid." and base64, which may contain '/', hence the hashed document id.
        var wamid = "wamid.HBgL" + random.Base64Chars(48);
        return new MessageDocument
        {
            Id = MessageDocument.IdFor(wamid),
            WaId = waId,
            Wamid = wamid,
            Direction = direction,
            Status = direction == MessageDirection.In ? MessageStatus.Received : OutboundStatus(),
            At = at,
            Text = text,
            ConversationId = conversationId,
        };
    }

    private MessageStatus OutboundStatus() => random.NextDouble() switch
    {
        < 0.6 => MessageStatus.Read,
        < 0.85 => MessageStatus.Delivered,
        < 0.95 => MessageStatus.Sent,
        _ => MessageStatus.Failed,
    };
}

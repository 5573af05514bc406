using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>Recognises the confirming answer: YES as text or as a button id, ignoring case, spaces and a final <c>.</c> or <c>!</c>.</summary>
public static class ConfirmationAnswer
{
    public static bool IsYes(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Matches(message.ReplyId) || Matches(message.Text);
    }

    private static bool Matches(string? candidate) =>
        candidate is { Length: <= 16 }
        && string.Equals(candidate.Trim().TrimEnd('.', '!').Trim(), PortabilityReplies.Yes, StringComparison.OrdinalIgnoreCase);
}

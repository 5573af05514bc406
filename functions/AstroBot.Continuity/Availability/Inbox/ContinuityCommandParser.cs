using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Recognises a continuity command in a user's message: the text, or the id of a tapped button or list row,
/// compared ignoring case, surrounding and repeated whitespace, and <c>_</c>/<c>-</c> in ids
/// (<c>"  delete   my data "</c>, <c>DELETE_MY_DATA</c>).
/// </summary>
public static class ContinuityCommandParser
{
    /// <summary>The command the message asks for, or null when it is for the bot.</summary>
    public static ContinuityCommand? Parse(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Match(message.ReplyId) ?? Match(message.Text);
    }

    private static ContinuityCommand? Match(string? candidate) =>
        Normalize(candidate) switch
        {
            "HELP" => ContinuityCommand.Help,
            "EXPORT" => ContinuityCommand.Export,
            "DELETE MY DATA" => ContinuityCommand.DeleteMyData,
            _ => null,
        };

    private static string? Normalize(string? candidate)
    {
        // Commands are short: a long text is a conversation with the bot, not worth normalising.
        if (candidate is null || candidate.Length > 64)
        {
            return null;
        }

        var words = candidate.Split(
            [' ', '\t', '\r', '\n', '_', '-', '\u00A0'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', words).ToUpperInvariant();
    }
}

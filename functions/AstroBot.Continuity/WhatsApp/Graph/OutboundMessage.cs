namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>A message the bot sends through the Graph API.</summary>
/// <param name="To">The recipient's <c>wa_id</c>.</param>
public abstract record OutboundMessage(string To)
{
    /// <summary>The recipient's <c>wa_id</c>; never empty.</summary>
    public string To { get; init => field = Require(value); } = Require(To);

    private static string Require(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to, nameof(To));
        return to;
    }
}

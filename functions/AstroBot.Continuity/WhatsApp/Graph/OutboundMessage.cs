namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>A message the bot sends through the Graph API.</summary>
/// <param name="To">The recipient: a phone number, or a BSUID where the phone number is not known.</param>
public abstract record OutboundMessage(MessageRecipient To)
{
    /// <summary>The recipient; never null.</summary>
    public MessageRecipient To { get; init => field = Require(value); } = Require(To);

    private static MessageRecipient Require(MessageRecipient to)
    {
        ArgumentNullException.ThrowIfNull(to, nameof(To));
        return to;
    }
}

using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Where the bot sends its reply, as the Graph API's send request takes it: <c>{"to":"15551234567"}</c> (the phone
/// number, whenever it is known) or <c>{"recipient":"US.13491208655302741918"}</c> (the BSUID of a user whose phone
/// number Meta withholds). Exactly one is present.
/// </summary>
/// <param name="To">The phone number, or null.</param>
/// <param name="Recipient">The BSUID, or null.</param>
public sealed record BotReplyAddress(string? To, string? Recipient)
{
    /// <summary>The contract form of <paramref name="recipient"/>.</summary>
    public static BotReplyAddress From(MessageRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return new(recipient.Phone, recipient.Bsuid);
    }

    /// <summary>Back to the recipient the Graph client takes.</summary>
    public MessageRecipient ToRecipient() =>
        To is not null ? MessageRecipient.ToPhone(To)
        : Recipient is not null ? MessageRecipient.ToBsuid(Recipient)
        : throw new InvalidDataException("A reply address has a phone number or a BSUID.");
}

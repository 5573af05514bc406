using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>
/// The WhatsApp user the chat plays: their identifiers as WhatsApp sends them (always a BSUID, as Meta does since
/// 2026; a phone number unless they write with a username) and their profile name.
/// </summary>
internal sealed record ChatUser(UserIdentifiers Identifiers, string Name)
{
    /// <summary>A user who shares their phone number, with the BSUID derived from it unless <paramref name="bsuid"/> is given.</summary>
    public static ChatUser WithPhone(string phone, string name, string? bsuid = null) =>
        new(new UserIdentifiers(phone, bsuid ?? DerivedBsuid.ForPhone(phone)), name);

    /// <summary>A username user: no phone number, the BSUID derived from the username unless <paramref name="bsuid"/> is given.</summary>
    public static ChatUser WithUsername(string username, string name, string? bsuid = null) =>
        new(new UserIdentifiers(null, bsuid ?? DerivedBsuid.ForUsername(username), null, username), name);

    /// <summary>True when WhatsApp shares no phone number for this user.</summary>
    public bool HidesNumber => Identifiers.Phone is null;

    /// <summary>Where the bot may send to this user: the phone number and the BSUID.</summary>
    public IReadOnlyList<string> Addresses => [.. new[] { Identifiers.Phone, Identifiers.Bsuid }.OfType<string>()];

    /// <summary>
    /// The user after changing their phone number to <paramref name="phone"/>: WhatsApp regenerates the BSUID, and a
    /// user who shares no number still shares none (only the BSUID changes for the bot).
    /// </summary>
    public ChatUser WithNumber(string phone) => this with
    {
        Identifiers = Identifiers with { Phone = HidesNumber ? null : phone, Bsuid = DerivedBsuid.ForPhone(phone) },
    };

    /// <summary>Who the chat writes as, for the person at the terminal.</summary>
    public string Describe() => HidesNumber
        ? $"@{Identifiers.Username} (BSUID {Identifiers.Bsuid}, no phone number shared)"
        : $"{Identifiers.Phone} (BSUID {Identifiers.Bsuid})";
}

using System.Globalization;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// The bench's WhatsApp users as Meta names them since 2026 (docs: FACTS.md, "business-scoped user IDs"): a
/// phone-number user comes with their phone number and BSUID; a username user with their BSUID and username and no
/// phone number. Identifiers are fixed-width, so every webhook of one kind has the same size; user <c>n</c> of a kind
/// is always the same person.
/// </summary>
internal static class BenchSenders
{
    /// <summary>The largest user number: the fixed widths below hold eight digits.</summary>
    public const int MaxUser = 99_999_999;

    /// <summary>Phone number and BSUID, as Meta sends for a user who shares their number.</summary>
    public static UserIdentifiers PhoneUser(int n) => new(Phone(n), Bsuid('1', n));

    /// <summary>BSUID and username only (no <c>from</c>, no <c>wa_id</c>), as Meta sends for a user who adopted a username.</summary>
    public static UserIdentifiers UsernameUser(int n) => new(null, Bsuid('2', n), Username: F($"bench.user{Check(n):D8}"));

    /// <summary>Phone-number users for even <paramref name="n"/>, username users for odd: the inbox's half-and-half mix.</summary>
    public static UserIdentifiers Mixed(int n) => n % 2 == 0 ? PhoneUser(n) : UsernameUser(n);

    // 12 digits, a UK mobile range; the same user number gives the same number.
    private static string Phone(int n) => F($"4471{Check(n):D8}");

    // Meta's shape: two letters, a period, digits (e.g. US.13491208655302741918); the kind digit keeps the two kinds apart.
    private static string Bsuid(char kind, int n) => F($"GB.{kind}3491208655{Check(n):D8}");

    private static int Check(int n) => n is >= 0 and <= MaxUser ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "A bench user number has at most eight digits.");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

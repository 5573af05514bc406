using System.Text.RegularExpressions;

namespace AstroBot.Continuity.WhatsApp;

/// <summary>
/// Meta's documented shape of a business-scoped user ID: a two-letter country code, a period and up to 128
/// alphanumerics (<c>US.13491208655302741918</c>); a parent BSUID has <c>ENT</c> in between (<c>US.ENT.1181...</c>).
/// The front door accepts ids outside this shape (Meta is the authority on its ids, and refusing one would lose
/// the message); <see cref="MaxAcceptedLength"/> is the only hard limit.
/// </summary>
public static partial class BsuidFormat
{
    /// <summary>Meta's limit on the alphanumeric part.</summary>
    public const int MaxDocumentedSuffixLength = 128;

    /// <summary>
    /// The longest id the front door takes: eight times Meta's documented length. Longer is not something Meta
    /// sends; such a webhook is refused (400) rather than stored.
    /// </summary>
    public const int MaxAcceptedLength = 1024;

    /// <summary>True for an id in Meta's documented shape.</summary>
    public static bool IsDocumented(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

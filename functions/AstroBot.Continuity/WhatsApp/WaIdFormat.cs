using System.Text.RegularExpressions;

namespace AstroBot.Continuity.WhatsApp;

/// <summary>What a WhatsApp id (wa_id) given by an operator may look like.</summary>
public static partial class WaIdFormat
{
    /// <summary>True for digits only, 1 to 20 of them: what WhatsApp sends, and a safe file name.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[0-9]{1,20}\\z")]
    private static partial Regex Pattern();
}

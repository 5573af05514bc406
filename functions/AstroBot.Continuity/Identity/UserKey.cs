using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// A person's stable internal key: the value of <c>wa_id</c>, the partition key of all their data. People the bot
/// knew by phone number keep that number as their key (so no document ever moves); a person who first writes
/// with a BSUID only gets a minted key, <c>u-</c> and 24 lowercase hex digits. A key never changes when the
/// person's phone number or BSUID does; the identity directory maps every identifier to it.
/// </summary>
public static partial class UserKey
{
    /// <summary>The prefix of a minted key; phone numbers are digits only, so the two never collide.</summary>
    public const string MintedPrefix = "u-";

    /// <summary>A fresh minted key: 96 random bits, so two never collide.</summary>
    public static string Mint() => MintedPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>True for a key: a phone number key (digits, 1 to 20) or a minted one.</summary>
    public static bool IsValid(string? value) => WaIdFormat.IsValid(value) || IsMinted(value);

    /// <summary>True for a minted key (<c>u-</c> + 24 lowercase hex digits).</summary>
    public static bool IsMinted(string? value) => value is not null && MintedPattern().IsMatch(value);

    [GeneratedRegex("^u-[0-9a-f]{24}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex MintedPattern();
}

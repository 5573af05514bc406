using System.Security.Cryptography;
using System.Text;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// The pseudonym that stands for a user wherever keys are kept, so the key table never stores a phone number.
/// It is a plain hash, not anonymisation: phone numbers can be enumerated, so references are still personal data.
/// </summary>
public static class UserReferences
{
    private const string Prefix = "astrobot-user:";

    /// <summary>The lowercase hex SHA-256 of "astrobot-user:" + <paramref name="waId"/>: 64 characters.</summary>
    public static string For(string waId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Prefix + waId)));
    }

    /// <summary>True when <paramref name="reference"/> has the shape <see cref="For"/> returns.</summary>
    internal static bool IsWellFormed(string? reference) =>
        reference is { Length: 64 } && reference.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

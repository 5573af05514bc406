using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>
/// The BSUID the chat plays WhatsApp with: derived from the phone number or the username, so two sessions as the
/// same user are the same person to the bot, as they would be with Meta. Shaped like Meta's (<c>US.</c> and 20 digits).
/// </summary>
internal static class DerivedBsuid
{
    private const string CountryCode = "US";

    /// <summary>The BSUID of the user with phone number <paramref name="phone"/>; a change of number changes it, as Meta does.</summary>
    public static string ForPhone(string phone) => From("phone:" + phone);

    /// <summary>The BSUID of the username user <paramref name="username"/> (usernames are case-insensitive).</summary>
    public static string ForUsername(string username) => From("username:" + username.ToLowerInvariant());

    private static string From(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        // 64 bits print as at most 20 digits; padded, every BSUID has the same length.
        var number = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return CountryCode + "." + number.ToString("D20", CultureInfo.InvariantCulture);
    }
}

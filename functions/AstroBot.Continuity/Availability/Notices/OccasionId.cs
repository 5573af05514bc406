using System.Globalization;
using System.Security.Cryptography;

namespace AstroBot.Continuity.Availability.Notices;

/// <summary>The id of an occasion users are told of once (a maintenance window, an outage): when it began, then 8 random hex digits.</summary>
public static class OccasionId
{
    public static string New(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
}

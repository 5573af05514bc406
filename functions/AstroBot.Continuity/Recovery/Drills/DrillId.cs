using System.Globalization;
using System.Security.Cryptography;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>A drill's id, also its Durable instance id: <c>{UTC start, yyyyMMddTHHmmssZ}-drill-{kind}-{8 hex digits}</c>, sorting by start.</summary>
public static class DrillId
{
    public static string New(DrillKind kind, DateTimeOffset startedAt) =>
        startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
        + "-drill-" + kind.ToString().ToLowerInvariant() + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>True for what <see cref="New"/> makes: letters, digits and dashes, so it is safe in a route, a row key and a blob name.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

using System.Globalization;

namespace AstroBot.Continuity.Cli.Commands.Restore;

/// <summary>The ISO 8601 times <c>restore --at</c> takes; a time without an offset is UTC, as everything in the backups is.</summary>
internal static class IsoTime
{
    public const string Example = "2026-11-27T08:00:00Z";

    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}

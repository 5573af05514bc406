using System.Globalization;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>How tables show numbers, sizes, times and durations: invariant, UTC, short.</summary>
internal static class Display
{
    public const string None = "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F2} GiB"),
    };

    public static string RequestUnits(double charge) => charge.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    public static string Duration(TimeSpan? span) => span switch
    {
        null => None,
        { TotalSeconds: < 60 } value => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:F1} s"),
        { TotalMinutes: < 60 } value => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:F1} min"),
        { TotalHours: < 48 } value => string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:F1} h"),
        var value => string.Create(CultureInfo.InvariantCulture, $"{value.Value.TotalDays:F1} d"),
    };
}

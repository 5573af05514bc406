using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// A calendar month in UTC, the period of an SLA report: from 00:00 UTC on its first day to 00:00 UTC on the next
/// month's first day. UTC has no daylight saving, so every day of it is 1,440 minutes.
/// </summary>
public readonly record struct SlaMonth
{
    private const string Format = "yyyy-MM";

    private SlaMonth(int year, int month)
    {
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>00:00 UTC on the month's first day.</summary>
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>00:00 UTC on the next month's first day (exclusive).</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    /// <summary>Every minute of the month.</summary>
    public int Minutes => Days * 24 * 60;

    /// <summary>The month that holds <paramref name="at"/> (its UTC date).</summary>
    public static SlaMonth Containing(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new SlaMonth(utc.Year, utc.Month);
    }

    /// <summary>
    /// Reads <c>YYYY-MM</c> (<c>2027-02</c>): four digits of year (2000-9998), a dash, two digits of month. Anything
    /// else is refused with <paramref name="problem"/> saying what is expected.
    /// </summary>
    public static bool TryParse(string? text, out SlaMonth month, [NotNullWhen(false)] out string? problem)
    {
        month = default;
        if (text is not { Length: 7 }
            || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed.Year is < 2000 or > 9998)
        {
            problem = $"The month must be YYYY-MM, a calendar month in UTC from 2000-01 to 9998-12 (e.g. 2027-02); got '{Printable(text)}'.";
            return false;
        }

        month = new SlaMonth(parsed.Year, parsed.Month);
        problem = null;
        return true;
    }

    public override string ToString() => Start.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    // What was typed, short and without control characters, for the error message.
    private static string Printable(string? text) =>
        text is null ? string.Empty : new string([.. text.Take(32).Select(character => char.IsControl(character) ? '?' : character)]);
}

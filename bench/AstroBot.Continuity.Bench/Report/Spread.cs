using System.Globalization;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The median of a few rounds' values and how far apart they were (the smallest and the largest).</summary>
internal sealed record Spread(double Median, double Min, double Max)
{
    /// <exception cref="ArgumentException">No values.</exception>
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A spread needs at least one value.", nameof(values));
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    /// <summary>Of durations, in seconds.</summary>
    public static Spread Of(IEnumerable<TimeSpan> values) => Of(values.Select(value => value.TotalSeconds));

    /// <summary>"1.23 (1.10-1.40)" with <paramref name="format"/> for each number; "(-4.0 to 2.0)" when a value is below zero.</summary>
    public string Show(string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Min.ToString(format, CultureInfo.InvariantCulture)}{(Min < 0 ? " to " : "-")}{Max.ToString(format, CultureInfo.InvariantCulture)})");
}

namespace AstroBot.Continuity.Bench.Load;

/// <summary>Percentiles (and the mean) of the latencies of the successful requests of one round, in milliseconds.</summary>
internal sealed record LatencySummary(double P50Ms, double P99Ms, double MaxMs, double MeanMs = double.NaN)
{
    public static LatencySummary Empty { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Nearest-rank percentiles over Stopwatch tick durations.</summary>
    public static LatencySummary FromTicks(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return Empty;
        }

        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(ToMs(Percentile(sorted, 0.50)), ToMs(Percentile(sorted, 0.99)), ToMs(sorted[^1]), sorted.Average(ToMs));
    }

    /// <summary>Nearest-rank percentiles over durations measured one by one (e.g. whole exports).</summary>
    public static LatencySummary FromDurations(IEnumerable<TimeSpan> durations) =>
        FromTicks([.. durations.Select(duration => (long)(duration.Ticks * (double)System.Diagnostics.Stopwatch.Frequency / TimeSpan.TicksPerSecond))]);

    private static long Percentile(long[] sorted, double p)
    {
        // Nearest rank: the smallest value with at least p of the samples at or below it.
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}

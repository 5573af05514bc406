namespace AstroBot.Continuity.Bench.Load;

/// <summary>
/// Rounds of one scenario put together: every successful request's latency in one set (nearest-rank percentiles over
/// all of them), and throughput as all successes over the rounds' summed wall time.
/// </summary>
internal sealed record PooledRounds(int Rounds, int Attempted, int Succeeded, TimeSpan Elapsed, LatencySummary Latency)
{
    public int Failed => Attempted - Succeeded;

    public double Throughput => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;

    /// <summary>Mean wall time per successful item, in milliseconds: the inverse of the throughput.</summary>
    public double MsPerItem => Succeeded > 0 ? Elapsed.TotalMilliseconds / Succeeded : double.NaN;

    /// <exception cref="InvalidOperationException">A round was run without keeping its latencies.</exception>
    public static PooledRounds Of(IEnumerable<RoundResult> rounds)
    {
        var list = rounds.ToList();
        var ticks = list.SelectMany(round => round.LatencyTicks ?? throw new InvalidOperationException("A pooled round must keep its latencies.")).ToList();
        return new PooledRounds(
            list.Count,
            list.Sum(round => round.Attempted),
            list.Sum(round => round.Succeeded),
            list.Aggregate(TimeSpan.Zero, (sum, round) => sum + round.Elapsed),
            LatencySummary.FromTicks(ticks));
    }
}

namespace AstroBot.Continuity.Bench.Load;

/// <summary>What one round of one scenario at one concurrency measured.</summary>
/// <param name="Concurrency">Workers, each with one request in flight.</param>
/// <param name="Attempted">Requests sent (fewer than planned when the round hit its time limit).</param>
/// <param name="Succeeded">Requests that succeeded (HTTP 200, or a completed enqueue).</param>
/// <param name="Elapsed">From the first request sent to the last answer received.</param>
/// <param name="Latency">Percentiles over the successful requests.</param>
/// <param name="SucceededIndexes">Which of the round's work items succeeded (to match acknowledgements to the queue).</param>
/// <param name="LatencyTicks">The successful requests' latencies in Stopwatch ticks, to pool rounds; null when not kept.</param>
internal sealed record RoundResult(
    int Concurrency,
    int Attempted,
    int Succeeded,
    TimeSpan Elapsed,
    LatencySummary Latency,
    IReadOnlyList<int> SucceededIndexes,
    IReadOnlyList<long>? LatencyTicks = null)
{
    public int Failed => Attempted - Succeeded;

    public double Throughput => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// The successful requests whose work item index passes <paramref name="include"/>, as a round of their own: for their
    /// latencies only (they shared this round's wall time with the others). Needs <see cref="LatencyTicks"/>.
    /// </summary>
    public RoundResult Only(Func<int, bool> include)
    {
        var ticks = LatencyTicks ?? throw new InvalidOperationException("The round did not keep its latencies.");
        var kept = SucceededIndexes.Select((index, k) => (index, ticks: ticks[k])).Where(pair => include(pair.index)).ToList();
        var keptTicks = kept.Select(pair => pair.ticks).ToList();
        return new RoundResult(Concurrency, kept.Count, kept.Count, Elapsed, LatencySummary.FromTicks(keptTicks), [.. kept.Select(pair => pair.index)], keptTicks);
    }
}

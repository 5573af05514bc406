namespace AstroBot.Continuity.Bench.Load;

/// <summary>What one round of one scenario at one concurrency measured.</summary>
/// <param name="Concurrency">Workers, each with one request in flight.</param>
/// <param name="Attempted">Requests sent (fewer than planned when the round hit its time limit).</param>
/// <param name="Succeeded">Requests that succeeded (HTTP 200, or a completed enqueue).</param>
/// <param name="Elapsed">From the first request sent to the last answer received.</param>
/// <param name="Latency">Percentiles over the successful requests.</param>
/// <param name="SucceededIndexes">Which of the round's work items succeeded (to match acknowledgements to the queue).</param>
internal sealed record RoundResult(
    int Concurrency,
    int Attempted,
    int Succeeded,
    TimeSpan Elapsed,
    LatencySummary Latency,
    IReadOnlyList<int> SucceededIndexes)
{
    public int Failed => Attempted - Succeeded;

    public double Throughput => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;
}

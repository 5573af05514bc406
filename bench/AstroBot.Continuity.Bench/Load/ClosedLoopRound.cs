using System.Globalization;

namespace AstroBot.Continuity.Bench.Load;

/// <summary>One timed closed-loop round of one scenario, from a clean heap, reported on the progress writer.</summary>
internal static class ClosedLoopRound
{
    /// <param name="operation">Sends work item <c>i</c>; true when it succeeded. Must not throw for a failed request.</param>
    public static async Task<RoundResult> RunAsync(
        TextWriter progress, string scenario, string label, int concurrency, int count, TimeSpan maxDuration, Func<int, CancellationToken, Task<bool>> operation, CancellationToken ct)
    {
        // Start each round from a clean heap so one scenario's garbage is not collected on another's clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var result = await LoadGenerator.RunAsync(concurrency, count, maxDuration, operation, ct).ConfigureAwait(false);
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {label,-7} {scenario,-16} c={concurrency,-3} {result.Succeeded,6}/{result.Attempted,-6} ok  {result.Throughput,8:F0} msg/s  p50 {result.Latency.P50Ms,7:F2} ms  p99 {result.Latency.P99Ms,7:F2} ms"));
        return result;
    }
}

using System.Diagnostics;

namespace AstroBot.Continuity.Bench.Load;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each keep one operation in flight, taking the next
/// pre-built work item until the items run out or the round's time is up, and time every operation.
/// </summary>
internal static class LoadGenerator
{
    /// <summary>Runs one round.</summary>
    /// <param name="operation">Sends work item <c>i</c>; true when it succeeded. Must not throw for a failed request.</param>
    public static async Task<RoundResult> RunAsync(
        int concurrency,
        int itemCount,
        TimeSpan maxDuration,
        Func<int, CancellationToken, Task<bool>> operation,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var latencies = new long[itemCount];
        var succeeded = new bool[itemCount];
        var next = -1;
        var deadline = Stopwatch.GetTimestamp() + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync()
        {
            // Yield first so every worker starts on the thread pool, not inline on the starting thread.
            await Task.Yield();
            while (!ct.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= itemCount)
                {
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                succeeded[i] = await operation(i, ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - started;
            }
        }

        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync())).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        ct.ThrowIfCancellationRequested();

        var attempted = Math.Min(next + 1, itemCount);
        var okIndexes = new List<int>(attempted);
        var okLatencies = new List<long>(attempted);
        for (var i = 0; i < attempted; i++)
        {
            if (succeeded[i])
            {
                okIndexes.Add(i);
                okLatencies.Add(latencies[i]);
            }
        }

        return new RoundResult(concurrency, attempted, okIndexes.Count, elapsed, LatencySummary.FromTicks(okLatencies), okIndexes, okLatencies);
    }
}

using System.Diagnostics;

namespace AstroBot.Continuity.Bench.Load;

/// <summary>
/// An open-loop load generator at a fixed rate: request <c>i</c> is due at <c>start + i / rate</c>, and a pool of
/// workers sends each when it is due (a worker with a request in flight takes no other). At a moderate rate the
/// load is the same whatever else the machine is doing, so the latencies of two rounds can be compared.
/// </summary>
internal static class PacedLoadGenerator
{
    /// <summary>Runs one round until <paramref name="maxCount"/> requests were sent or <paramref name="stop"/> is cancelled.</summary>
    /// <param name="operation">Sends work item <c>i</c>; true when it succeeded. Must not throw for a failed request.</param>
    public static async Task<PacedRoundResult> RunAsync(
        double rate,
        int workers,
        int maxCount,
        Func<int, CancellationToken, Task<bool>> operation,
        CancellationToken stop,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var latencies = new long[maxCount];
        var lateness = new long[maxCount];
        var sent = new bool[maxCount];
        var succeeded = new bool[maxCount];
        var interval = Stopwatch.Frequency / rate;
        var next = -1;
        var start = Stopwatch.GetTimestamp();

        async Task WorkerAsync()
        {
            await Task.Yield();
            while (!ct.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= maxCount)
                {
                    return;
                }

                var due = start + (long)(i * interval);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }

                var sentAt = Stopwatch.GetTimestamp();
                sent[i] = true;
                lateness[i] = Math.Max(0, sentAt - due);
                succeeded[i] = await operation(i, ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - sentAt;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerAsync())).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        ct.ThrowIfCancellationRequested();

        var okIndexes = new List<int>();
        var okLatencies = new List<long>();
        var lateTicks = new List<long>();
        var attempted = 0;
        for (var i = 0; i < maxCount; i++)
        {
            if (!sent[i])
            {
                continue;
            }

            attempted++;
            lateTicks.Add(lateness[i]);
            if (succeeded[i])
            {
                okIndexes.Add(i);
                okLatencies.Add(latencies[i]);
            }
        }

        var round = new RoundResult(workers, attempted, okIndexes.Count, elapsed, LatencySummary.FromTicks(okLatencies), okIndexes);
        return new PacedRoundResult(round, rate, LatencySummary.FromTicks(lateTicks), okLatencies, lateTicks);
    }
}

/// <summary>
/// One paced round: the requests' results, the rate asked for, how late the sends were against their due times, and
/// the raw Stopwatch ticks of both (latencies of the successful requests; lateness of every send), to pool rounds.
/// </summary>
internal sealed record PacedRoundResult(RoundResult Round, double TargetRate, LatencySummary Lateness, IReadOnlyList<long> LatencyTicks, IReadOnlyList<long> LatenessTicks);

using AstroBot.Continuity.Bench.Load;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>How long Azurite took to answer the requests of an interleaved inbox round, reads apart from writes (from the SDK's request events).</summary>
internal sealed record AnswerTimes(int Concurrency, int Reads, double ReadMs, int Writes, double WriteMs);

/// <summary>
/// An untimed interleaved inbox round with the SDK's request events on: how long each read and each write waited for
/// its answer at that concurrency. It explains why the directory's reads cost what they do in the timed rounds.
/// </summary>
internal static class AnswerTimesPass
{
    public static async Task<AnswerTimes> MeasureAsync(int concurrency, int count, Func<int, CancellationToken, Task<bool>> operation, CancellationToken ct)
    {
        using var counter = new StorageCallCounter();
        await LoadGenerator.RunAsync(concurrency, count, TimeSpan.FromMinutes(5), operation, ct).ConfigureAwait(false);
        var (reads, readMs) = counter.Reads;
        var (writes, writeMs) = counter.Writes;
        return new AnswerTimes(concurrency, reads, readMs, writes, writeMs);
    }
}

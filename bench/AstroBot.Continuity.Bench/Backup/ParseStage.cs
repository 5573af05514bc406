using System.Diagnostics;
using System.Text.Json;
using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>One stage of the backup's own work timed alone: its wall time and this process's CPU time, the least of the repeats.</summary>
internal sealed record StageTiming(TimeSpan Wall, TimeSpan Cpu, int Repeats);

/// <summary>
/// The backup's parsing alone: every page body of the bare read turned into canonical items as the backup's feed
/// does it (<c>ContainerFeed</c>: <c>JsonDocument.ParseAsync</c> over the page's stream, then
/// <see cref="CanonicalItem.From"/> for each document), on one thread, nothing sent anywhere. The CPU time is the whole
/// process's (the garbage collector's threads included), which nothing else is using at that moment.
/// </summary>
internal static class ParseStage
{
    public static async Task<StageTiming> RunAsync(IReadOnlyList<(string Container, byte[] Body)> pages, int repeats, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pages);
        using var self = Process.GetCurrentProcess();
        var wall = TimeSpan.MaxValue;
        var cpu = TimeSpan.MaxValue;
        long items = 0;
        for (var round = 0; round < repeats; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            items = 0;
            foreach (var (_, body) in pages)
            {
                using var stream = new MemoryStream(body, writable: false);
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
                if (document.RootElement.TryGetProperty("Documents", out var documents))
                {
                    IReadOnlyList<CanonicalItem> parsed = [.. documents.EnumerateArray().Select(CanonicalItem.From)];
                    items += parsed.Count;
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            self.Refresh();
            wall = elapsed < wall ? elapsed : wall;
            var used = self.TotalProcessorTime - cpuBefore;
            cpu = used < cpu ? used : cpu;
        }

        return items > 0 || pages.Count == 0 ? new StageTiming(wall, cpu, repeats) : throw new InvalidOperationException("The bare read's pages parsed to no items.");
    }
}

using System.Diagnostics;
using System.Text.Json;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Bench.Cpu;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Bare;

/// <summary>
/// The read bare limit: the same read feed the backup reads (<c>GetItemQueryStreamIterator</c> without a query,
/// the backup's page size, the backup's own low-priority client) over the six containers in the backup's order,
/// draining each page's stream into memory and nothing else: no parsing, no pacing, no chunks.
/// </summary>
internal static class BareReadFeed
{
    /// <param name="cpu">When given, the CPU used is read right before the clock starts and right after it stops (before the pages are parsed).</param>
    public static async Task<BareReadResult> RunAsync(CosmosClient client, string database, int pageSize, CancellationToken ct, CpuMeter? cpu = null)
    {
        var pages = new List<(string Container, byte[] Body)>();
        var perContainer = new List<(string Container, int Pages, TimeSpan Elapsed)>();
        var cpuBefore = cpu?.Sample();
        var started = Stopwatch.GetTimestamp();
        foreach (var definition in BotDataModel.Containers)
        {
            var containerStarted = Stopwatch.GetTimestamp();
            var containerPages = 0;
            using var iterator = client.GetContainer(database, definition.Name)
                .GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = pageSize });
            while (iterator.HasMoreResults)
            {
                using var response = await iterator.ReadNextAsync(ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                using var body = new MemoryStream();
                await response.Content.CopyToAsync(body, ct).ConfigureAwait(false);
                pages.Add((definition.Name, body.ToArray()));
                containerPages++;
            }

            perContainer.Add((definition.Name, containerPages, Stopwatch.GetElapsedTime(containerStarted)));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = cpu is null || cpuBefore is not { } before ? null : cpu.Between(before, cpu.Sample());
        return new BareReadResult(elapsed, pages.Count, pages.Sum(page => (long)page.Body.Length), ReadData.Parse(pages), perContainer, pages, used);
    }
}

/// <summary>
/// One bare read: its wall time, pages, page bytes on the wire (uncompressed bodies), what it read, its time per
/// container, the page bodies themselves (in feed order), and the CPU it used when a meter was given.
/// </summary>
internal sealed record BareReadResult(
    TimeSpan Elapsed,
    int Pages,
    long PageBytes,
    ReadData Data,
    IReadOnlyList<(string Container, int Pages, TimeSpan Elapsed)> PerContainer,
    IReadOnlyList<(string Container, byte[] Body)> PageBodies,
    CpuUse? Cpu)
{
    /// <summary>The mean time of one page of <paramref name="container"/>, and how many items the container holds.</summary>
    public (TimeSpan PerPage, int Items) PageTime(string container)
    {
        var entry = PerContainer.Single(c => c.Container == container);
        return (entry.Pages > 0 ? entry.Elapsed / entry.Pages : TimeSpan.Zero, Data.Containers.Single(c => c.Name == container).Items.Count);
    }
}

/// <summary>
/// The items the bare read returned, per container in feed order: each as the read feed returned it (its JSON
/// text with the server's system properties) and as the backup stores it (<see cref="CanonicalItem"/>).
/// Parsed after the clock stopped.
/// </summary>
internal sealed class ReadData
{
    private ReadData(IReadOnlyList<ContainerItems> containers) => Containers = containers;

    public IReadOnlyList<ContainerItems> Containers { get; }

    public long ItemCount => Containers.Sum(container => (long)container.Items.Count);

    /// <summary>The raw JSON size: every document's bytes as the read feed returns them, system properties included.</summary>
    public long FeedJsonBytes => Containers.Sum(container => container.FeedJsonBytes);

    /// <summary>The NDJSON size of the canonical items (system properties left out, keys sorted, one newline each): what the backup compresses.</summary>
    public long CanonicalBytes => Containers.Sum(container => container.Items.Sum(item => (long)item.Json.Length + 1));

    public static ReadData Parse(IEnumerable<(string Container, byte[] Body)> pages)
    {
        var byContainer = new Dictionary<string, (List<CanonicalItem> Items, long FeedBytes)>(StringComparer.Ordinal);
        foreach (var (name, body) in pages)
        {
            if (!byContainer.TryGetValue(name, out var entry))
            {
                entry = ([], 0);
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("Documents", out var items))
            {
                foreach (var item in items.EnumerateArray())
                {
                    entry.FeedBytes += System.Text.Encoding.UTF8.GetByteCount(item.GetRawText());
                    entry.Items.Add(CanonicalItem.From(item));
                }
            }

            byContainer[name] = entry;
        }

        return new ReadData(BotDataModel.Containers
            .Select(definition => byContainer.TryGetValue(definition.Name, out var entry)
                ? new ContainerItems(definition.Name, entry.Items, entry.FeedBytes)
                : new ContainerItems(definition.Name, [], 0))
            .ToList());
    }
}

/// <summary>One container's items in feed order, and the bytes the feed returned them in.</summary>
internal sealed record ContainerItems(string Name, IReadOnlyList<CanonicalItem> Items, long FeedJsonBytes);

using System.Diagnostics;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The insert bare limit: the same items (the canonical JSON the backup stores and the restore writes, i.e. the
/// documents without their system properties) upserted into a fresh database with the restore's write pattern:
/// the same client (the bot's shared <see cref="CosmosClient"/>), one batch per backup chunk in the backup's
/// container order, 16 point upserts in flight per batch (<c>RestoreTarget</c>). The partition key is known
/// up front and the bodies are built before the clock starts.
/// </summary>
internal static class BareInsert
{
    /// <summary>The restore's <c>RestoreTarget.WriteConcurrency</c>.</summary>
    public const int Concurrency = 16;

    public static async Task<BareLoopResult> RunAsync(CosmosClient client, string database, ReadData data, BackupManifest manifest, CancellationToken ct)
    {
        var created = await client.CreateDatabaseIfNotExistsAsync(database, cancellationToken: ct).ConfigureAwait(false);
        foreach (var definition in BotDataModel.Containers)
        {
            await created.Database.CreateContainerIfNotExistsAsync(definition.Name, BotDataModel.PartitionKeyPath, cancellationToken: ct).ConfigureAwait(false);
        }

        // The restore's batches: each container's items cut at the backup's chunk boundaries.
        var batches = new List<(Container Container, CanonicalItem[] Items)>();
        foreach (var part in manifest.Containers)
        {
            var items = data.Containers.Single(container => container.Name == part.Name).Items;
            var container = client.GetContainer(database, part.Name);
            var offset = 0;
            foreach (var chunk in part.Chunks)
            {
                var count = Math.Min(chunk.ItemCount, items.Count - offset);
                batches.Add((container, items.Skip(offset).Take(count).ToArray()));
                offset += count;
            }

            if (offset < items.Count)
            {
                batches.Add((container, items.Skip(offset).ToArray()));
            }
        }

        long written = 0, bytes = 0;
        var started = Stopwatch.GetTimestamp();
        foreach (var (container, items) in batches)
        {
            await Parallel.ForEachAsync(
                items,
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct },
                async (item, token) =>
                {
                    using var stream = new MemoryStream(item.Json, writable: false);
                    var key = item.WaId is null ? PartitionKey.None : new PartitionKey(item.WaId);
                    using var response = await container.UpsertItemStreamAsync(stream, key, cancellationToken: token).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                }).ConfigureAwait(false);
            written += items.Length;
            bytes += items.Sum(item => (long)item.Json.Length);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new BareLoopResult(elapsed, batches.Count, written, bytes);
    }
}

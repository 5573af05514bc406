using System.Diagnostics;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Bench.Cpu;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Bare;

/// <summary>Items of one container upserted together: the bare insert waits for a batch to finish before the next.</summary>
internal sealed record InsertBatch(string Container, IReadOnlyList<CanonicalItem> Items);

/// <summary>
/// The insert bare limit: canonical items (the documents without their system properties, as a restore or an
/// import writes them) upserted into a fresh database through the caller's <see cref="CosmosClient"/>, batch by
/// batch, <see cref="Concurrency"/> point upserts in flight per batch. The database and its containers are created,
/// the partition keys known and the bodies built before the clock starts.
/// </summary>
internal static class BareInsert
{
    /// <summary>The restore's <c>RestoreTarget.WriteConcurrency</c>.</summary>
    public const int Concurrency = 16;

    /// <param name="cpu">When given, the CPU used is read right before the clock starts and right after it stops.</param>
    public static async Task<BareLoopResult> RunAsync(CosmosClient client, string database, IReadOnlyList<InsertBatch> batches, CancellationToken ct, CpuMeter? cpu = null)
    {
        var created = await client.CreateDatabaseIfNotExistsAsync(database, cancellationToken: ct).ConfigureAwait(false);
        foreach (var definition in BotDataModel.Containers)
        {
            await created.Database.CreateContainerIfNotExistsAsync(definition.Name, BotDataModel.PartitionKeyPath, cancellationToken: ct).ConfigureAwait(false);
        }

        long written = 0, bytes = 0;
        var cpuBefore = cpu?.Sample();
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            var container = client.GetContainer(database, batch.Container);
            await Parallel.ForEachAsync(
                batch.Items,
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct },
                async (item, token) =>
                {
                    using var stream = new MemoryStream(item.Json, writable: false);
                    var key = item.WaId is null ? PartitionKey.None : new PartitionKey(item.WaId);
                    using var response = await container.UpsertItemStreamAsync(stream, key, cancellationToken: token).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                }).ConfigureAwait(false);
            written += batch.Items.Count;
            bytes += batch.Items.Sum(item => (long)item.Json.Length);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = cpu is null || cpuBefore is not { } before ? null : cpu.Between(before, cpu.Sample());
        return new BareLoopResult(elapsed, batches.Count, written, bytes, used);
    }
}

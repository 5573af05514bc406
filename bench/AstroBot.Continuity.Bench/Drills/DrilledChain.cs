using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Drills;

/// <summary>
/// The backup chain every restore of the drills benchmark restores, as the default schedules leave one: a full backup,
/// then a few messages changed, then an incremental backup (its wall time is the RPO figure's). Made once per run.
/// </summary>
/// <param name="Manifests">The chain's manifests, oldest first: the full, then the incremental.</param>
/// <param name="InsertBatches">
/// What a restore of the chain writes, for the bare insert: the full's items (read back after the full, before the
/// change) cut at its chunks, then the changed messages.
/// </param>
/// <param name="FeedJsonBytes">The source's items as its read feed returned them after the full (system properties included).</param>
internal sealed record DrilledChain(
    Measured<BackupCatalogEntry> Full,
    Measured<BackupCatalogEntry> Incremental,
    int ChangedItems,
    IReadOnlyList<BackupManifest> Manifests,
    IReadOnlyList<InsertBatch> InsertBatches,
    long FeedJsonBytes)
{
    /// <summary>The chain's raw bytes: every container's <see cref="ContainerManifest.RawBytes"/> (canonical JSON before compression and encryption) over the chain's manifests.</summary>
    public long RawBytes => Manifests.Sum(manifest => manifest.Containers.Sum(container => container.RawBytes));

    /// <summary>Items the chain's manifests hold: what a restore of it applies.</summary>
    public long ItemCount => Manifests.Sum(manifest => manifest.ItemCount);

    public IEnumerable<string> BackupIds => Manifests.Select(manifest => manifest.BackupId);

    public static async Task<DrilledChain> MakeAsync(BackupBenchEnvironment env, int changedItems, TextWriter progress, CancellationToken ct)
    {
        var runner = env.Get<BackupRunner>();
        var full = await BackupAsync(runner, BackupKind.Full, ct).ConfigureAwait(false);
        progress.WriteLine(F($"full backup: {full.Result.BackupId}: {full.Result.ItemCount:N0} items, {full.Result.RawBytes:N0} raw bytes in {full.Elapsed.TotalSeconds:F2} s"));

        // The items as the full holds them, read back through the backup's own client (not timed): the bare insert's.
        var read = await BareReadFeed.RunAsync(env.Get<BackupCosmosClient>().Client, env.SourceDatabase, env.Backup.PageSize, ct).ConfigureAwait(false);

        // A small change, as the bot makes between two incrementals: some messages edited.
        var messages = read.Data.Containers.Single(container => container.Name == BotDataModel.Messages.Name).Items;
        var step = Math.Max(1, messages.Count / changedItems);
        var changed = messages.Where((_, index) => index % step == 0).Take(changedItems).Select(Changed).ToArray();
        await BareInsert.RunAsync(env.Get<CosmosClient>(), env.SourceDatabase, [new InsertBatch(BotDataModel.Messages.Name, changed)], ct).ConfigureAwait(false);

        var incremental = await BackupAsync(runner, BackupKind.Incremental, ct).ConfigureAwait(false);
        progress.WriteLine(F($"incremental backup after {changed.Length} messages changed: {incremental.Result.BackupId}: {incremental.Result.ItemCount:N0} items in {incremental.Elapsed.TotalSeconds:F2} s"));

        var archive = await env.Get<BackupArchives>().OpenAsync(fromSecondary: false, ct).ConfigureAwait(false);
        var manifests = new List<BackupManifest>();
        foreach (var entry in new[] { full.Result, incremental.Result })
        {
            manifests.Add(await archive.ReadManifestAsync(entry.BackupId, ct).ConfigureAwait(false));
        }

        var batches = RestoreBatches.Of(read.Data, manifests[0]).Append(new InsertBatch(BotDataModel.Messages.Name, changed)).ToList();
        return new DrilledChain(full, incremental, changed.Length, manifests, batches, read.Data.FeedJsonBytes);
    }

    private static async Task<Measured<BackupCatalogEntry>> BackupAsync(BackupRunner runner, BackupKind kind, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var run = await runner.RunAsync(kind, null, ct).ConfigureAwait(false);
        clock.Stop();
        return run.Outcome == BackupRunOutcome.Committed
            ? new Measured<BackupCatalogEntry>(clock.Elapsed, run.Entry!)
            : throw new InvalidOperationException($"The {kind} backup did not commit: {run.Message}");
    }

    /// <summary>The message with one more property, as an edit by the bot would change it.</summary>
    private static CanonicalItem Changed(CanonicalItem item)
    {
        var node = JsonNode.Parse(item.Json)!.AsObject();
        node["bench_changed_at"] = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return CanonicalItem.From(document.RootElement);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

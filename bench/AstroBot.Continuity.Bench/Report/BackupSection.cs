using System.Globalization;
using System.Text;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Load;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>Renders the "Backups" section of docs/benchmarks.md from one run of the backup benchmark.</summary>
internal static class BackupSection
{
    public const string Key = "backup";

    /// <summary>The default scale's section is <see cref="Key"/>; a run at another scale or page size has its own, beside it.</summary>
    public static string KeyOf(BackupBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Users == BackupBenchSettings.DefaultUsers && settings.PageSize is null
            ? Key
            : $"{Key}-{settings.Users}-users{(settings.PageSize is { } size ? $"-pages-{size}" : string.Empty)}";
    }

    public static string Render(BackupBenchRun run)
    {
        var s = run.Settings;
        var m = run.Machine;
        var o = run.BackupSettings;
        var feedBytes = run.BareRead.Data.FeedJsonBytes;
        var items = run.Backup.Result.ItemCount;
        // The bare read ran just before the backup and again just after it; its limit is the mean of the two.
        var bareRead = (run.BareRead.Elapsed + run.BareReadAfterElapsed) / 2;
        var backupVsRead = Ratio(run.Backup.Elapsed, bareRead);
        var backupVsUpload = Ratio(run.Backup.Elapsed, run.BareUpload.Elapsed);
        var slower = bareRead >= run.BareUpload.Elapsed ? bareRead : run.BareUpload.Elapsed;
        var slowerName = bareRead >= run.BareUpload.Elapsed ? "bare read (mean of before and after)" : "bare upload";
        var backupRatio = Ratio(run.Backup.Elapsed, slower);
        var sumRatio = Ratio(run.Backup.Elapsed, bareRead + run.BareUpload.Elapsed);
        // The bare insert ran just before the restore and again just after it; its limit is the mean of the two.
        var bareInsert = (run.BareInsert.Elapsed + run.BareInsertAfterElapsed) / 2;
        var restoreRatio = Ratio(run.Restore.Elapsed, bareInsert);
        var verifyRatio = Ratio(run.Verify.Elapsed, run.BareDownload.Elapsed);
        var archiveShare = (double)run.Backup.Result.StoredBytes / feedBytes;
        var archiveShareCanonical = (double)run.Backup.Result.StoredBytes / run.Backup.Result.RawBytes;
        var w = run.Webhook;
        var p99Ratio = w.P99Ratio;
        var minimumPacing = run.Backup.Result.RequestCharge / o.BudgetPerSecond;
        var issueItems = (double)run.Seed.TotalItems / run.Seed.Users * BackupBenchSettings.IssueUsers;
        var issueInsertHours = issueItems / (run.BareInsert.Items / bareInsert.TotalSeconds) / 3600;
        var emulatorSeedHours = (double)run.Seed.TotalItems / run.Seed.Users * BackupBenchSettings.IssueUsers / run.Seed.ItemsPerSecond / 3600;

        var largest = run.BareRead.Data.Containers.MaxBy(c => c.Items.Count)!;
        var smallest = run.BareRead.Data.Containers.MinBy(c => c.Items.Count)!;
        var largestPage = run.BareRead.PageTime(largest.Name);
        var smallestPage = run.BareRead.PageTime(smallest.Name);
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        var scale = KeyOf(run.Settings) == Key
            ? string.Empty
            : $" at {run.Settings.Users:N0} users{(run.Settings.PageSize is { } size ? $", pages of {size:N0}" : string.Empty)}";
        Line($"## Backups{scale} (issue \"Automated backups\", performance)");
        Line($"");
        if (scale.Length > 0)
        {
            Line($"Reproduce: `bench/run backup --users {run.Settings.Users}{(run.Settings.PageSize is { } pages ? $" --page-size {pages}" : string.Empty)}`. The same benchmark as the section above at another scale; the page size (`Backup:PageSize`, for the backup and the bare reads alike) is raised where the emulator's read feed, which evaluates the whole container for every page, would otherwise not finish.");
        }
        else
        {
            Line($"Reproduce: `bench/run backup` ({BackupBenchSettings.DefaultUsers:N0} users by default, about 10 minutes on this machine, longer when the emulators are busy with other work; most of it is the emulator writing: the seed, the restore and the two bare inserts; `--users N` for another scale). `bench/run backup --quick` smoke-tests the harness in a minute or two; its figures are not meant to be read. `bench/run all` runs every benchmark, one after the other; `bench/run` alone still runs only the webhook benchmark. Like it, it starts the emulators only if they are down and stops only what it started.");
        }

        Line($"");
        if (s.Quick)
        {
            Line($"> **This section was written by `bench/run backup --quick`: a tiny data set, the figures below are a smoke test, not a measurement.**");
            Line($"");
        }

        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, `--users {s.Users}`{(s.Quick ? " --quick" : string.Empty)}, {run.Duration.TotalMinutes:F1} min in all.");
        Line($"- Machine: {m.Cores} cores, {m.Memory}, {m.OperatingSystem}.");
        Line($"- .NET: {m.Runtime}, SDK {m.Sdk}, Release build, {m.GcMode} GC. Azurite as it names itself: `{m.Azurite}`; Cosmos DB emulator: `{run.CosmosServer}`. Both are Node.js processes on the same {m.Cores} cores as the benchmark. The machine is shared: other people's builds and test runs use the same cores and the same emulators while this runs, which is why every figure is a ratio against a bare limit measured next to it.");
        Line($"- **Scale: {run.Seed.Users:N0} users, {items:N0} items, {Mb(feedBytes)} MB of raw JSON** (`continuity seed` data: `SeedWriter`, {s.ReadingsPerUser} readings per user, seed {s.Seed}; `--users` changes it). The issue asks for at least {BackupBenchSettings.IssueUsers:N0} users (about 1 GB by its estimate; this seed's {BackupBenchSettings.IssueUsers:N0} users would be about {(double)feedBytes / run.Seed.Users * BackupBenchSettings.IssueUsers / 1e9:F1} GB of raw JSON and {(double)items / run.Seed.Users * BackupBenchSettings.IssueUsers / 1e6:F1} million items). That does not fit the emulator on this machine: it wrote {run.Seed.ItemsPerSecond:N0} items/s while seeding ({run.Seed.TotalItems:N0} items in {run.Seed.Elapsed.TotalSeconds:N0} s, 64 point upserts in flight; cosmosdb-server has no bulk API), so the seed alone would take about {emulatorSeedHours:F0} hours, and at this run's bare insert rate each bare insert about {issueInsertHours:F0} hours and the restore longer. Its read feed also evaluates `SELECT * FROM c` over the whole container for every page (cosmosdb-server 1.0.1, `Items.read`), so a page costs more the larger its container and a full read grows faster than the data: in this run's bare read a page of `{largest.Name}` ({largestPage.Items:N0} items) took {largestPage.PerPage.TotalMilliseconds:N0} ms, a page of `{smallest.Name}` ({smallestPage.Items:N0} items) {smallestPage.PerPage.TotalMilliseconds:N0} ms. At {run.Seed.Users:N0} users this whole run took {run.Duration.TotalMinutes:F0} minutes. The default of {BackupBenchSettings.DefaultUsers:N0} users comes from trial runs on this machine (2026-11-27): at 1,000 users a full bare read took 165-190 s in two runs and each full backup about as long, which put a run past half an hour, against 2-5 s at 500 users. Every figure below is a rate or a ratio against a bare limit over the same data at the same scale; nothing in the backup path holds more than one chunk ({o.ChunkBytes / 1024 / 1024} MiB of items) at a time, so the ratios are expected to hold at the issue's scale, but that was not measured.");
        Line($"- Backup settings ({(run.Settings.PageSize is null ? "the product's defaults" : "the product's defaults but the page size")}): page size {o.PageSize:N0} items, chunks cut at {o.ChunkBytes / 1024 / 1024} MiB of items, `Backup:ThroughputShare` {o.ThroughputShare:F2}, `Backup:FallbackRequestUnitsPerSecond` {o.FallbackRequestUnitsPerSecond:N0}. {(o.ProvisionedThroughput is { } provisioned ? F($"The containers report {provisioned:N0} RU/s, so the budget is {o.BudgetPerSecond:N0} RU/s") : F($"The emulator reports no provisioned throughput, so the fallback budget of {o.BudgetPerSecond:N0} RU/s applies"))}; the measured backup was charged {run.Backup.Result.RequestCharge:N0} RU ({run.Backup.Result.Throttles} throttles), which that budget lets through in {minimumPacing:F2} s, so RU pacing {(minimumPacing < run.Backup.Elapsed.TotalSeconds * 0.5 ? "was not what limited it" : "**may have limited it**")}.");
        Line($"- Targets (issue): backup within {BackupTargets.BackupOverBareMax:F1}× of the slower of bare read and bare upload; restore within {BackupTargets.RestoreOverBareMax:F1}× of bare insert; webhook p99 during a backup within {(BackupTargets.WebhookP99RatioMax - 1) * 100:F0}% of idle; archive at most {BackupTargets.ArchiveShareMax:P0} of the raw JSON; chunk format NDJSON or better, the choice benchmarked.");
        Line($"");

        Line($"### Results");
        Line($"");
        Line($"Ratios are of wall times for the same work (product ÷ bare limit: 1.00 is as fast as the bare limit, 2.00 twice as long), of bytes for the archive, of p99 latencies for the webhook.");
        Line($"");
        Line($"| figure | product | bare limit | ratio | target | met |");
        Line($"|---|---:|---:|---:|---:|:---:|");
        Line($"| Full backup | {Rate(items, run.Backup.Elapsed)} items/s, {MbRate(feedBytes, run.Backup.Elapsed)} MB/s ({Sec(run.Backup.Elapsed)} s) | {slowerName}, the slower: {Rate(items, slower)} items/s ({Sec(slower)} s) | **{backupRatio:F2}** | ≤ {BackupTargets.BackupOverBareMax:F2} | {YesNo(backupRatio <= BackupTargets.BackupOverBareMax)} |");
        Line($"| Restore | {Rate(run.Restore.Result.ItemsWritten, run.Restore.Elapsed)} items/s, {MbRate(feedBytes, run.Restore.Elapsed)} MB/s ({Sec(run.Restore.Elapsed)} s) | bare insert (mean of before and after): {Rate(run.BareInsert.Items, bareInsert)} items/s ({Sec(bareInsert)} s) | **{restoreRatio:F2}** | ≤ {BackupTargets.RestoreOverBareMax:F2} | {YesNo(restoreRatio <= BackupTargets.RestoreOverBareMax)} |");
        Line($"| Deep verify | {Rate(run.Verify.Result.ItemsChecked, run.Verify.Elapsed)} items/s, {MbRate(feedBytes, run.Verify.Elapsed)} MB/s ({Sec(run.Verify.Elapsed)} s) | bare download: {Rate(run.BareDownload.Items, run.BareDownload.Elapsed)} items/s ({Sec(run.BareDownload.Elapsed)} s) | **{verifyRatio:F2}** | none set | – |");
        Line($"| Archive size | {run.Backup.Result.StoredBytes:N0} bytes ({run.Backup.Result.ChunkCount} chunks) | raw JSON: {feedBytes:N0} bytes | **{archiveShare:F3}** | ≤ {BackupTargets.ArchiveShareMax:F2} | {YesNo(archiveShare <= BackupTargets.ArchiveShareMax)} |");
        Line($"| Webhook p99 during a backup | {Ms(w.During.P99Ms)} ms | idle: {Ms(w.Idle.P99Ms)} ms | **{p99Ratio:F2}** (pooled; pairs {string.Join(", ", w.Pairs.Select(p => p.P99Ratio.ToString("F2", CultureInfo.InvariantCulture)))}) | ≤ {BackupTargets.WebhookP99RatioMax:F2} | {(w.Meets(BackupTargets.WebhookP99RatioMax) is { } webhookMet ? YesNo(webhookMet) : "**inconclusive**")} |");
        Line($"| Chunk format | NDJSON, per-user Brotli (q1) blocks, AES-256-GCM | see the format table below | | NDJSON or better | {YesNo(true)} |");
        Line($"");

        Line($"Every measurement of the run, in the order it ran (MB/s is the raw JSON of the whole data set over the wall time, so the rows compare the same work; for the blob loops the bytes moved are given too):");
        Line($"");
        Line($"| measurement | wall time (s) | items/s | MB/s (raw JSON) | what it moved |");
        Line($"|---|---:|---:|---:|---|");
        Line($"| bare read (read feed, drain only) | {Sec(run.BareRead.Elapsed)} | {Rate(run.BareRead.Data.ItemCount, run.BareRead.Elapsed)} | {MbRate(feedBytes, run.BareRead.Elapsed)} | {run.BareRead.Pages:N0} pages, {run.BareRead.PageBytes:N0} bytes of page bodies |");
        Line($"| **full backup** (`BackupRunner`) | {Sec(run.Backup.Elapsed)} | {Rate(items, run.Backup.Elapsed)} | {MbRate(feedBytes, run.Backup.Elapsed)} | {run.Backup.Result.ChunkCount} chunks, {run.Backup.Result.StoredBytes:N0} bytes stored |");
        Line($"| bare upload (same blob sizes) | {Sec(run.BareUpload.Elapsed)} | {Rate(run.BareUpload.Items, run.BareUpload.Elapsed)} | {MbRate(feedBytes, run.BareUpload.Elapsed)} | {run.BareUpload.Operations:N0} blobs, {run.BareUpload.Bytes:N0} bytes ({MbRate(run.BareUpload.Bytes, run.BareUpload.Elapsed)} MB/s of blob) |");
        Line($"| change-feed positions alone | {Sec(run.PositionReadsElapsed)} | | | two per container, as the full backup takes them (plan, container's end), unpaced |");
        Line($"| bare read again | {Sec(run.BareReadAfterElapsed)} | {Rate(run.BareRead.Data.ItemCount, run.BareReadAfterElapsed)} | {MbRate(feedBytes, run.BareReadAfterElapsed)} | the same pages; the bare read limit is the mean of the two, {Sec(bareRead)} s |");
        Line($"| **deep verify** (`BackupVerification`) | {Sec(run.Verify.Elapsed)} | {Rate(run.Verify.Result.ItemsChecked, run.Verify.Elapsed)} | {MbRate(feedBytes, run.Verify.Elapsed)} | {run.Verify.Result.Summary} |");
        Line($"| bare download (same blobs) | {Sec(run.BareDownload.Elapsed)} | {Rate(run.BareDownload.Items, run.BareDownload.Elapsed)} | {MbRate(feedBytes, run.BareDownload.Elapsed)} | {run.BareDownload.Operations:N0} blobs, {run.BareDownload.Bytes:N0} bytes |");
        Line($"| bare insert (same items, fresh database) | {Sec(run.BareInsert.Elapsed)} | {Rate(run.BareInsert.Items, run.BareInsert.Elapsed)} | {MbRate(feedBytes, run.BareInsert.Elapsed)} | {run.BareInsert.Items:N0} upserts in {run.BareInsert.Operations} batches of 16 in flight |");
        Line($"| **restore** (`RestoreService`, fresh database) | {Sec(run.Restore.Elapsed)} | {Rate(run.Restore.Result.ItemsWritten, run.Restore.Elapsed)} | {MbRate(feedBytes, run.Restore.Elapsed)} | {run.Restore.Result.ItemsWritten:N0} items written |");
        Line($"| bare insert again (another fresh database) | {Sec(run.BareInsertAfterElapsed)} | {Rate(run.BareInsert.Items, run.BareInsertAfterElapsed)} | {MbRate(feedBytes, run.BareInsertAfterElapsed)} | the same upserts; the bare insert limit is the mean of the two, {Sec(bareInsert)} s |");
        Line($"");
        Line($"Against each bare limit separately, the backup took {backupVsRead:F2}× the bare read and {backupVsUpload:F2}× the bare upload. The backup reads the next page while it seals and uploads a chunk, so the slower of the two is its floor; against the bare read and the bare upload added together ({Sec(bareRead + run.BareUpload.Elapsed)} s) it took {sumRatio:F2}×{(sumRatio < 1 ? ": below 1.00, which only the machine's noise between the measurements explains, so read every ratio here as give or take that much" : string.Empty)}. The two bare reads, minutes apart on the same data, took {Sec(run.BareRead.Elapsed)} s and {Sec(run.BareReadAfterElapsed)} s, the two bare inserts {Sec(run.BareInsert.Elapsed)} s and {Sec(run.BareInsertAfterElapsed)} s: a measure of that noise.");
        Line($"");
        foreach (var line in BackupCpuSection.Accounting(run))
        {
            md.Append(line).Append('\n');
        }
        Line($"");

        Line($"### Webhook acknowledgement during a backup");
        Line($"");
        Line($"The real local host (`ContinuityLocalHost`, as in the webhook benchmark above: inbox workers stopped after a canary; no scheduler, export request pump or Durable Task engine, so the only backup is the one the bench runs) received signed one-message webhooks at a fixed {s.WebhookRate:N0} per second from a paced open loop ({s.WebhookWorkers} workers, each request sent at its due time, latency from send to the complete 200). Each \"during\" round ran while a full backup of the same data ran in the same process (the Functions app runs its backup timer next to its HTTP trigger) and stopped when the backup ended, or after {s.WebhookMaxRound.TotalSeconds:N0} s if the backup ran longer; the idle round after it sent the same number at the same rate with nothing else running. The pair ran {w.Pairs.Count} time(s) after a warm-up of {s.WebhookWarmUp:N0} webhooks; the pooled rows put all rounds of a kind together and the figure is their p99s' ratio, but the target counts as met only when every pair meets it and as missed only when none does; pairs that disagree make the run inconclusive.");
        Line($"");
        Line($"| round | sent | acknowledged (200) | duration (s) | msg/s | p50 (ms) | p99 (ms) | max (ms) | send lateness p99 (ms) | backup (s) |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var index = 0;
        foreach (var pair in w.Pairs)
        {
            index++;
            Line($"| {index}: during a full backup | {pair.During.Round.Attempted:N0} | {pair.During.Round.Succeeded:N0} | {Sec(pair.During.Round.Elapsed)} | {pair.During.Round.Throughput:N0} | {Ms(pair.During.Round.Latency.P50Ms)} | {Ms(pair.During.Round.Latency.P99Ms)} | {Ms(pair.During.Round.Latency.MaxMs)} | {Ms(pair.During.Lateness.P99Ms)} | {Sec(pair.BackupElapsed)} |");
            Line($"| {index}: idle | {pair.Idle.Round.Attempted:N0} | {pair.Idle.Round.Succeeded:N0} | {Sec(pair.Idle.Round.Elapsed)} | {pair.Idle.Round.Throughput:N0} | {Ms(pair.Idle.Round.Latency.P50Ms)} | {Ms(pair.Idle.Round.Latency.P99Ms)} | {Ms(pair.Idle.Round.Latency.MaxMs)} | {Ms(pair.Idle.Lateness.P99Ms)} | |");
        }

        Line($"| **pooled: during a backup** | {w.Pairs.Sum(p => p.During.Round.Attempted):N0} | {w.Pairs.Sum(p => p.During.Round.Succeeded):N0} | | | {Ms(w.During.P50Ms)} | **{Ms(w.During.P99Ms)}** | {Ms(w.During.MaxMs)} | {Ms(w.DuringLateness.P99Ms)} | |");
        Line($"| **pooled: idle** | {w.Pairs.Sum(p => p.Idle.Round.Attempted):N0} | {w.Pairs.Sum(p => p.Idle.Round.Succeeded):N0} | | | {Ms(w.Idle.P50Ms)} | **{Ms(w.Idle.P99Ms)}** | {Ms(w.Idle.MaxMs)} | {Ms(w.IdleLateness.P99Ms)} | |");
        Line($"");
        Line($"Pooled p99 during ÷ pooled p99 idle = **{p99Ratio:F2}** (p50: {w.During.P50Ms / w.Idle.P50Ms:F2}); pair by pair the p99 ratio was {string.Join(", ", w.Pairs.Select(p => p.P99Ratio.ToString("F2", CultureInfo.InvariantCulture)))}. Send lateness is how long after its due time a request left; near zero means the generator kept the rate and the latencies are not hidden by a stalled client.");
        if (w.Pairs.Any(p => p.P99Ratio < 1))
        {
            Line($"");
            Line($"> In {w.Pairs.Count(p => p.P99Ratio < 1)} of {w.Pairs.Count} pairs the idle round had the higher p99. Nothing of this benchmark runs during an idle round, so that is the machine's other load (builds and tests on the same cores and emulators) changing from one minute to the next: on this machine that noise is as large as the effect measured, and this figure can neither confirm nor rule out the target.");
        }

        var interval = 1000 / s.WebhookRate;
        if (Math.Max(w.DuringLateness.P99Ms, w.IdleLateness.P99Ms) > interval)
        {
            Line($"");
            Line($"> The generator fell behind its schedule (pooled send lateness p99 above the {interval:F0} ms between requests) {(w.DuringLateness.P99Ms > interval && w.IdleLateness.P99Ms > interval ? "in both kinds of round" : w.DuringLateness.P99Ms > interval ? "during the backups" : "in the idle rounds")}: all {s.WebhookWorkers} workers were waiting on answers, i.e. the host did not keep up with {s.WebhookRate:N0} msg/s on this machine at those moments. Requests then leave late and the latency from send understates what a sender on the schedule would have seen.");
        }

        Line($"");
        foreach (var line in BackupCpuSection.Webhook(run))
        {
            md.Append(line).Append('\n');
        }

        Line($"");

        var f = run.Format;
        Line($"### Chunk format");
        Line($"");
        Line($"The canonical items of the bare read ({f.Items:N0} items, {f.CanonicalBytes:N0} bytes as NDJSON: compact JSON, keys sorted, system properties left out, one item per line), cut into chunks as the backup cuts them ({f.Chunks} chunks: per container, in feed order, at {o.ChunkBytes / 1024 / 1024} MiB) and grouped per user within each chunk as the backup groups them ({f.Blocks:N0} user blocks, {f.Users:N0} users). Each codec ran over the same bytes in the same order, once as one stream per user block (the product's layout: each block is sealed under its user's key, so destroying the key shreds the user from every backup) and once as one stream per chunk; the difference is what the per-user blocks cost. One thread, CPU only, the fastest of {f.Repeats} run(s); MB/s is NDJSON MB per second.");
        Line($"");
        Line($"| codec over NDJSON | layout | bytes | ÷ NDJSON | ÷ raw JSON | encode MB/s | decode MB/s |");
        Line($"|---|---|---:|---:|---:|---:|---:|");
        foreach (var v in f.Variants)
        {
            Line($"| {v.Codec} | {(v.Layout == FormatLayout.PerUserBlock ? "per user block" : "per chunk")} | {v.OutputBytes:N0} | {v.Ratio:F3} | {(double)v.OutputBytes / f.FeedJsonBytes:F3} | {FormatComparison.Rate(v.InputBytes, v.Encode):F1} | {FormatComparison.Rate(v.InputBytes, v.Decode):F1} |");
        }

        Line($"| **the product's chunks** (`ChunkBuilder`: per-user Brotli q1, each block AES-256-GCM under its user's key, the chunk again under the backup's data key) | per user block | {f.Product.OutputBytes:N0} | {f.Product.Ratio:F3} | {(double)f.Product.OutputBytes / f.FeedJsonBytes:F3} | {FormatComparison.Rate(f.Product.InputBytes, f.Product.Seal):F1} (seal) | {FormatComparison.Rate(f.Product.InputBytes, f.Product.Open):F1} (open) |");
        Line($"");
        foreach (var sentence in FormatFindings(run))
        {
            Line($"- {sentence}");
        }

        Line($"");
        Line($"### Verdict");
        Line($"");
        foreach (var sentence in Verdict(run, backupRatio, sumRatio, restoreRatio, archiveShare, archiveShareCanonical, p99Ratio))
        {
            Line($"- {sentence}");
        }

        Line($"");
        Line($"### What each row measures");
        Line($"");
        Line($"- **Raw JSON** is the documents as the read feed returns them: each document's JSON text including the server's system properties (`_rid`, `_self`, `_etag`, `_attachments`, `_ts`), without the page envelope; {feedBytes:N0} bytes here. The backup's own `RawBytes` counts the canonical NDJSON instead ({run.Backup.Result.RawBytes:N0} bytes); against that the archive is {archiveShareCanonical:F3}. MB is 10^6 bytes.");
        Line($"- **Full backup**: `BackupRunner.RunAsync(BackupKind.Full)`, the steps the daily orchestration runs, in one process: plan (the lease, the abandoned-run cleanup, the catalog rows, every container's change-feed position), then per container slices of the read feed through the backup's low-priority client (paced by the RU budget; the user key table read once per run, the next page read while a chunk is sealed and uploaded), canonical JSON, chunks sealed per user and per backup, each checkpointed, the container's change-feed end position, and the commit with the authenticated manifest last. Every user's key existed already (made once after seeding, as a first backup makes them; {Sec(run.UserKeysElapsed)} s for {s.Users:N0} users), and {run.Webhook.Pairs.Count} full backup(s) had already run (under webhook load), so this is a daily backup in steady state.");
        Line($"- **Bare read**: `GetItemQueryStreamIterator` without a query over the same six containers with the backup's page size and the backup's own client, each page's stream copied into memory and nothing else: no parsing, no RU pacing, no chunks.");
        Line($"- **Bare upload**: as many blobs as the backup wrote chunks, of exactly their sizes (from the backup's manifest), random bytes made before the clock started, uploaded one after the other with `UploadAsync(BinaryData, overwrite: true)` through the backup's own `BlobServiceClient` into a scratch container of the same Azurite.");
        Line($"- **Deep verify**: `BackupVerification.VerifyAsync(id, VerifyLevel.Deep)`: manifest authenticated, every chunk downloaded, hashed, decrypted and decompressed, its items counted against the manifest, the result written to the catalog. **Bare download**: the same chunk blobs downloaded one after the other with `DownloadContentAsync`, nothing checked.");
        Line($"- **Restore**: `RestoreService.RunToCompletionAsync` of the latest backup into a fresh database: plan (the chain resolved, every chunk downloaded and checked before anything is written, the target checked empty, its containers created), then per chunk a step (progress table checked, chunk downloaded and opened, erasure journal and user keys read, items upserted 16 at a time, the step recorded). **Bare insert**: the same items (the canonical JSON the restore writes, i.e. the documents without system properties) upserted into another fresh database through the same client (the bot's shared `CosmosClient`) in the restore's batches (one per backup chunk, in the backup's container order) with the restore's 16 point upserts in flight, partition keys known and bodies built before the clock started; its containers were created before the clock started.");
        Line($"- The measurements ran one after the other in this order: webhook rounds (with their own full backups), {BackupBenchmark.QuietWindow.TotalSeconds:N0} s of nothing, bare read, full backup, bare upload, bare read again, change-feed positions alone, deep verify, bare download, bare insert, restore, bare insert again, then the format comparison and the parsing alone, so each product figure sits next to its bare limit in time. A full GC ran before each. The CPU of each was read just outside its clock.");
        return md.ToString();
    }

    private static IEnumerable<string> FormatFindings(BackupBenchRun run)
    {
        var f = run.Format;
        FormatResult Find(string codec, FormatLayout layout) => f.Variants.First(v => v.Codec == codec && v.Layout == layout);
        var itemUser = Find(FormatCodec.ItemByItemQ1, FormatLayout.PerUserBlock);
        var itemChunk = Find(FormatCodec.ItemByItemQ1, FormatLayout.PerChunk);
        var q1User = Find(FormatCodec.OneWriteQ1, FormatLayout.PerUserBlock);
        var q1Chunk = Find(FormatCodec.OneWriteQ1, FormatLayout.PerChunk);
        var q4User = Find("Brotli Optimal (q4), one write", FormatLayout.PerUserBlock);
        var q4Chunk = Find("Brotli Optimal (q4), one write", FormatLayout.PerChunk);
        var q6User = Find("Brotli q6, one write", FormatLayout.PerUserBlock);
        var gzipUser = Find("GZip Fastest", FormatLayout.PerUserBlock);

        // Which write pattern the product's chunks match: sealing only adds a little per block to one of the two.
        var matchesOneWrite = Math.Abs(f.Product.OutputBytes - q1User.OutputBytes) <= Math.Abs(f.Product.OutputBytes - itemUser.OutputBytes);
        var basis = matchesOneWrite ? q1User : itemUser;
        var sealing = f.Product.OutputBytes - basis.OutputBytes;

        yield return F($"**How the stream is written matters as much as the codec.** At quality 0-1 the Brotli encoder compresses whatever each write hands it straight away, so writing each item and then its newline separately makes every one of them its own tiny block: {itemUser.Ratio:F3} of the NDJSON per user block ({itemChunk.Ratio:F3} even as one stream per chunk), against {q1User.Ratio:F3} ({q1Chunk.Ratio:F3}) for the same bytes handed over in one write. GZip and the higher Brotli qualities buffer internally and are not affected.");
        yield return matchesOneWrite
            ? F($"The product's chunks match the one-write streams: `ChunkBuilder` hands each user's NDJSON to Brotli in one write. Sealing adds {sealing:N0} bytes to them, about {(double)sealing / f.Blocks:N0} bytes per block (user reference, key id, counts, AES-GCM nonce and tag), for {f.Product.Ratio:F3} of the NDJSON and {(double)f.Product.OutputBytes / f.FeedJsonBytes:F3} of the raw JSON.")
            : F($"The product's chunks match the item-by-item streams: `ChunkBuilder` writes each item into Brotli on its own, which is what makes its archive large. Sealing adds {sealing:N0} bytes, about {(double)sealing / f.Blocks:N0} bytes per block; with one write per block and the same sealing the archive would be about {q1User.OutputBytes + sealing:N0} bytes, {(double)(q1User.OutputBytes + sealing) / f.FeedJsonBytes:F3} of the raw JSON (an estimate from the two rows, not a measured product).");
        yield return F($"Per-user blocks cost size: with one write per stream, Brotli q1 per user block is {(double)q1User.OutputBytes / q1Chunk.OutputBytes:F2}× one stream per chunk, Brotli q4 {(double)q4User.OutputBytes / q4Chunk.OutputBytes:F2}× (each block starts with an empty window; the average block is {(double)f.CanonicalBytes / f.Blocks:N0} bytes of NDJSON), and Brotli q1 encodes {FormatComparison.Rate(q1User.InputBytes, q1User.Encode):F0} MB/s per user block against {FormatComparison.Rate(q1Chunk.InputBytes, q1Chunk.Encode):F0} MB/s per chunk (an encoder per block). That is the price of crypto-shredding per user.");
        yield return F($"Per user block with one write: Brotli q1 {q1User.Ratio:F3} of NDJSON at {FormatComparison.Rate(q1User.InputBytes, q1User.Encode):F0} MB/s, Brotli q4 {q4User.Ratio:F3} at {FormatComparison.Rate(q4User.InputBytes, q4User.Encode):F0} MB/s, Brotli q6 {q6User.Ratio:F3} at {FormatComparison.Rate(q6User.InputBytes, q6User.Encode):F0} MB/s, GZip Fastest {gzipUser.Ratio:F3} at {FormatComparison.Rate(gzipUser.InputBytes, gzipUser.Encode):F0} MB/s. The emulator's bare read delivered {MbRate(run.BareRead.Data.FeedJsonBytes, run.BareRead.Elapsed)} MB/s of raw JSON. The product seals (compress and encrypt) at {FormatComparison.Rate(f.Product.InputBytes, f.Product.Seal):F0} MB/s and opens at {FormatComparison.Rate(f.Product.InputBytes, f.Product.Open):F0} MB/s.");
    }

    private static IEnumerable<string> Verdict(BackupBenchRun run, double backupRatio, double sumRatio, double restoreRatio, double archiveShare, double archiveShareCanonical, double p99Ratio)
    {
        var slower = Max((run.BareRead.Elapsed + run.BareReadAfterElapsed) / 2, run.BareUpload.Elapsed);
        yield return backupRatio <= BackupTargets.BackupOverBareMax
            ? F($"**Backup throughput: target met** ({backupRatio:F2}× the slower bare limit, at most {BackupTargets.BackupOverBareMax:F1}× asked).")
            : F($"**Backup throughput: target not met**: {backupRatio:F2}× the slower bare limit, {BackupTargets.BackupOverBareMax:F1}× asked. The change-feed positions a full backup takes (two per container, {Sec(run.PositionReadsElapsed)} s when measured alone, which the emulator answers by reading the container and Azure answers at once) are work the bare read does not do: without them the backup would be {Ratio(run.Backup.Elapsed - run.PositionReadsElapsed, slower):F2}× the slower bare limit. {BackupCpuSection.BackupVerdict(run)}");
        var read = (run.BareRead.Elapsed + run.BareReadAfterElapsed) / 2;
        var seal = run.Format.Product.Seal;
        var rest = run.Backup.Elapsed - read - run.BareUpload.Elapsed - seal;
        yield return rest > TimeSpan.Zero
            ? F($"Where the backup's {Sec(run.Backup.Elapsed)} s went, as far as this run can tell: the bare read takes {Sec(read)} s, the bare upload {Sec(run.BareUpload.Elapsed)} s, sealing every chunk (compress and encrypt, timed alone in the format comparison) {Sec(seal)} s; the other {Sec(rest)} s are the rest of a run: the change-feed positions ({Sec(run.PositionReadsElapsed)} s alone), parsing every page into canonical JSON, the lease taken again at each step, the clean-up of abandoned runs, the user key table, the checkpoints and the catalog rows.")
            : F($"The bare read ({Sec(read)} s), the bare upload ({Sec(run.BareUpload.Elapsed)} s) and sealing every chunk alone ({Sec(seal)} s) add up to more than the backup's {Sec(run.Backup.Elapsed)} s: the machine's noise between the measurements is larger than the backup's own overhead.");
        yield return restoreRatio <= BackupTargets.RestoreOverBareMax
            ? F($"**Restore throughput: target met** ({restoreRatio:F2}× the bare insert, at most {BackupTargets.RestoreOverBareMax:F1}× asked). The two bare inserts took {Sec(run.BareInsert.Elapsed)} s and {Sec(run.BareInsertAfterElapsed)} s: against the slower one alone the restore took {Ratio(run.Restore.Elapsed, Max(run.BareInsert.Elapsed, run.BareInsertAfterElapsed)):F2}×, against the faster {Ratio(run.Restore.Elapsed, Min(run.BareInsert.Elapsed, run.BareInsertAfterElapsed)):F2}×.")
            : F($"**Restore throughput: target not met**: {restoreRatio:F2}× the bare insert, {BackupTargets.RestoreOverBareMax:F1}× asked. The restore downloads and opens every chunk twice (once to check the whole backup before writing, once to write it) and reads the key and erasure tables per chunk; its upserts are the bare insert's, with the partition key parsed out of each item. The two bare inserts took {Sec(run.BareInsert.Elapsed)} s and {Sec(run.BareInsertAfterElapsed)} s: against the slower one alone the restore took {Ratio(run.Restore.Elapsed, Max(run.BareInsert.Elapsed, run.BareInsertAfterElapsed)):F2}×, against the faster {Ratio(run.Restore.Elapsed, Min(run.BareInsert.Elapsed, run.BareInsertAfterElapsed)):F2}×, so the emulator's changing load moves this figure by about as much as the target's margin.");
        yield return archiveShare <= BackupTargets.ArchiveShareMax
            ? F($"**Archive size: target met**: {archiveShare:P1} of the raw JSON ({archiveShareCanonical:P1} of the canonical NDJSON), at most {BackupTargets.ArchiveShareMax:P0} asked.")
            : F($"**Archive size: target not met**: {archiveShare:P1} of the raw JSON ({archiveShareCanonical:P1} of the canonical NDJSON), at most {BackupTargets.ArchiveShareMax:P0} asked.");
        var pairs = string.Join(", ", run.Webhook.Pairs.Select(p => p.P99Ratio.ToString("F2", CultureInfo.InvariantCulture)));
        yield return (run.Webhook.Meets(BackupTargets.WebhookP99RatioMax) switch
        {
            true => F($"**Webhook p99 during a backup: target met** in every pair (p99 ratios {pairs}; pooled {Ms(run.Webhook.During.P99Ms)} ms against {Ms(run.Webhook.Idle.P99Ms)} ms idle, {p99Ratio:F2}×, at most {BackupTargets.WebhookP99RatioMax:F2}× asked)."),
            false => F($"**Webhook p99 during a backup: target not met** in any pair (p99 ratios {pairs}; pooled {Ms(run.Webhook.During.P99Ms)} ms against {Ms(run.Webhook.Idle.P99Ms)} ms idle, {p99Ratio:F2}×, at most {BackupTargets.WebhookP99RatioMax:F2}× asked). Here the backup, Azurite, the Cosmos DB emulator and the front door share the same {run.Machine.Cores} cores, and the backup shares the front door's process and its thread pool; in Azure the emulators' share of the work happens on Cosmos DB's and Storage's machines."),
            null => F($"**Webhook p99 during a backup: inconclusive**: the pairs disagree (p99 ratios {pairs}, at most {BackupTargets.WebhookP99RatioMax:F2}× asked; pooled {Ms(run.Webhook.During.P99Ms)} ms against {Ms(run.Webhook.Idle.P99Ms)} ms idle, {p99Ratio:F2}×). The load the rest of this shared machine put on the same cores and emulators changed more from one round to the next than the backup did, so this run cannot say; it needs a quiet machine (or separate machines for the emulators)."),
        }) + " " + BackupCpuSection.WebhookVerdict(run);
        yield return F($"Deep verify took {Ratio(run.Verify.Elapsed, run.BareDownload.Elapsed):F2}× its bare download (no target was set): {Sec(run.Verify.Elapsed)} s against {Sec(run.BareDownload.Elapsed)} s. Opening the same chunks in memory (decrypt, decompress, split into items) took {Sec(run.Format.Product.Open)} s on one core in the format comparison, against a difference of {Sec(run.Verify.Elapsed - run.BareDownload.Elapsed)} s; the verify also reads every user key once (the key table) and writes its result to the catalog.");
        yield return F($"Measured at {run.Seed.Users:N0} users, not the {BackupBenchSettings.IssueUsers:N0} the issue asks for (see Scale above).");
    }

    private static double Ratio(TimeSpan a, TimeSpan b) => b > TimeSpan.Zero ? a / b : double.NaN;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Rate(long count, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "n/a";

    private static string MbRate(long bytes, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? (bytes / 1e6 / elapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    private static string Sec(TimeSpan elapsed) => elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

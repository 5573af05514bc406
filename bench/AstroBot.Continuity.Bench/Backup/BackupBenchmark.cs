using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Bench.Cpu;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The backup benchmark (issue "Automated backups", performance): seeds the bot's data, then measures each
/// product operation next to its bare limit, back to back in this one run, and the chunk format choice.
/// </summary>
/// <param name="cpu">Reads the CPU time of this process, the emulators and the machine around each measurement (outside its clock).</param>
internal sealed class BackupBenchmark(BackupBenchSettings settings, MachineInfo machine, string cosmosServer, CpuMeter cpu, TextWriter progress)
{
    /// <summary>How long the bench does nothing before the bare read, to see what the machine and the emulators do without it.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(5);

    public async Task<BackupBenchRun> RunAsync(CancellationToken ct)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var runId = BenchNames.Create().RunId;
        await using var env = BackupBenchEnvironment.Create(runId, settings.PageSize);
        progress.WriteLine($"backup run {runId}: database {env.SourceDatabase}, archive container {env.ArchiveContainer}, {settings.Users:N0} users");
        try
        {
            // 1. The data: `continuity seed`, then every user's key made once (BenchSeed).
            var (seed, userKeysElapsed) = await BenchSeed.WriteAsync(env, new SeedRequest(settings.Users, settings.ReadingsPerUser, settings.Seed, startedAt), progress, ct).ConfigureAwait(false);

            var runner = env.Get<BackupRunner>();
            var options = env.Backup;
            var backupClient = env.Get<BackupCosmosClient>().Client;
            var provisioned = await ProvisionedThroughputAsync(backupClient.GetContainer(env.SourceDatabase, BotDataModel.Containers[0].Name), ct).ConfigureAwait(false);
            progress.WriteLine(provisioned is { } rus ? $"throughput: {rus} RU/s provisioned" : "throughput: none reported (the backup uses its fallback budget)");

            // 2. Webhook p99 with a full backup running, then idle. This backup also warms the backup path up.
            var webhook = await WebhookUnderBackup.RunAsync(settings, runner, runId, cpu, progress, ct).ConfigureAwait(false);

            // 3. Backup between its bare limits: bare read, the full backup, bare upload of the same chunk sizes, bare read again.
            //    First a few seconds of nothing, for what the machine and the emulators do without this bench.
            Collect();
            var quietBefore = cpu.Sample();
            await Task.Delay(QuietWindow, ct).ConfigureAwait(false);
            var quiet = cpu.Between(quietBefore, cpu.Sample());
            progress.WriteLine(F($"quiet window: {quiet.Wall.TotalSeconds:F1} s, this process {quiet.Bench:F2} CPU-s, Cosmos DB emulator {quiet.Cosmos:F2}, Azurite {quiet.Azurite:F2}, machine busy {quiet.Busy:P0}"));

            Collect();
            var bareRead = await BareReadFeed.RunAsync(backupClient, env.SourceDatabase, options.PageSize, ct, cpu).ConfigureAwait(false);
            progress.WriteLine(F($"bare read: {bareRead.Data.ItemCount:N0} items, {bareRead.Pages} pages, {bareRead.PageBytes:N0} bytes in {bareRead.Elapsed.TotalSeconds:F2} s; {Cpu(bareRead.Cpu)}"));

            Collect();
            var backupCpuBefore = cpu.Sample();
            var backupClock = Stopwatch.StartNew();
            var backup = await runner.RunAsync(BackupKind.Full, null, ct).ConfigureAwait(false);
            backupClock.Stop();
            var backupCpu = cpu.Between(backupCpuBefore, cpu.Sample());
            var entry = backup.Outcome == BackupRunOutcome.Committed
                ? backup.Entry!
                : throw new InvalidOperationException($"The measured backup did not commit: {backup.Message}");
            progress.WriteLine(F($"backup: {entry.BackupId}: {entry.ItemCount:N0} items, {entry.ChunkCount} chunks, {entry.StoredBytes:N0} bytes stored in {backupClock.Elapsed.TotalSeconds:F2} s ({entry.RequestCharge:F0} RU, {entry.Throttles} throttles); {Cpu(backupCpu)}"));

            var archives = env.Get<BackupArchives>();
            var manifest = await (await archives.OpenAsync(fromSecondary: false, ct).ConfigureAwait(false)).ReadManifestAsync(entry.BackupId, ct).ConfigureAwait(false);
            Collect();
            var bareUpload = await BareBlobLoops.UploadAsync(env.Get<BackupStorage>().Blobs, env.ScratchContainer, manifest, ct, cpu).ConfigureAwait(false);
            progress.WriteLine(F($"bare upload: {bareUpload.Operations} blobs, {bareUpload.Bytes:N0} bytes in {bareUpload.Elapsed.TotalSeconds:F2} s; {Cpu(bareUpload.Cpu)}"));

            // The bare read again, so the backup sits between two of them and drift in the machine's load shows.
            Collect();
            var bareReadAfter = await BareReadFeed.RunAsync(backupClient, env.SourceDatabase, options.PageSize, ct, cpu).ConfigureAwait(false);
            progress.WriteLine(F($"bare read again: {bareReadAfter.Data.ItemCount:N0} items in {bareReadAfter.Elapsed.TotalSeconds:F2} s; {Cpu(bareReadAfter.Cpu)}"));
            Collect();
            var (positions, positionsCpu) = await cpu.MeasureAsync(() => BarePositionReads.RunAsync(backupClient, env.SourceDatabase, options.PageSize, ct)).ConfigureAwait(false);
            progress.WriteLine(F($"change-feed positions alone: {2 * BotDataModel.Containers.Count} in {positions.TotalSeconds:F2} s; {Cpu(positionsCpu)}"));

            // 4. Deep verify, then its bare limit: download the same blobs.
            Collect();
            var verifyCpuBefore = cpu.Sample();
            var verifyClock = Stopwatch.StartNew();
            var verify = await env.Get<BackupVerification>().VerifyAsync(entry.BackupId, VerifyLevel.Deep, fromSecondary: false, ct).ConfigureAwait(false);
            verifyClock.Stop();
            var verifyCpu = cpu.Between(verifyCpuBefore, cpu.Sample());
            progress.WriteLine(F($"deep verify: {verify.Summary}, {verify.ItemsChecked:N0} items in {verifyClock.Elapsed.TotalSeconds:F2} s; {Cpu(verifyCpu)}"));
            Collect();
            var bareDownload = await BareBlobLoops.DownloadAsync(env.Get<BackupStorage>().Archives, env.SourceDatabase, manifest, ct, cpu).ConfigureAwait(false);
            progress.WriteLine(F($"bare download: {bareDownload.Operations} blobs, {bareDownload.Bytes:N0} bytes in {bareDownload.Elapsed.TotalSeconds:F2} s; {Cpu(bareDownload.Cpu)}"));

            // 5. Restore between two bare inserts: the same items upserted into a fresh database, the restore into
            //    another, the bare insert again into a third (each dropped after), so drift in the emulator's load shows.
            Collect();
            var restoreBatches = RestoreBatches.Of(bareRead.Data, manifest);
            var bareInsert = await BareInsert.RunAsync(env.Get<CosmosClient>(), env.InsertDatabase, restoreBatches, ct, cpu).ConfigureAwait(false);
            progress.WriteLine(F($"bare insert: {bareInsert.Items:N0} items in {bareInsert.Operations} batches in {bareInsert.Elapsed.TotalSeconds:F2} s; {Cpu(bareInsert.Cpu)}"));
            await env.DropDatabaseAsync(env.InsertDatabase, ct).ConfigureAwait(false);
            Collect();
            var restoreCpuBefore = cpu.Sample();
            var restoreClock = Stopwatch.StartNew();
            var restore = await env.Get<RestoreService>().RunToCompletionAsync(new RestoreRequest { TargetDatabase = env.RestoreDatabase }, null, ct).ConfigureAwait(false);
            restoreClock.Stop();
            var restoreCpu = cpu.Between(restoreCpuBefore, cpu.Sample());
            progress.WriteLine(F($"restore: {restore.ItemsWritten:N0} items into {env.RestoreDatabase} in {restoreClock.Elapsed.TotalSeconds:F2} s; {Cpu(restoreCpu)}"));
            await env.DropDatabaseAsync(env.RestoreDatabase, ct).ConfigureAwait(false);
            Collect();
            var bareInsertAfter = await BareInsert.RunAsync(env.Get<CosmosClient>(), env.InsertAgainDatabase, restoreBatches, ct, cpu).ConfigureAwait(false);
            progress.WriteLine(F($"bare insert again: {bareInsertAfter.Items:N0} items in {bareInsertAfter.Elapsed.TotalSeconds:F2} s; {Cpu(bareInsertAfter.Cpu)}"));
            await env.DropDatabaseAsync(env.InsertAgainDatabase, ct).ConfigureAwait(false);

            // 6. The chunk format, CPU only, on the items of the bare read.
            progress.WriteLine($"format comparison ({settings.FormatRepeats} repeat(s), fastest counts):");
            var format = await FormatComparison.RunAsync(bareRead.Data, options.ChunkBytes, settings.FormatRepeats, progress, ct).ConfigureAwait(false);

            // 7. The backup's parsing alone (page bodies to canonical items), CPU only, on the pages of the bare read.
            Collect();
            var parse = await ParseStage.RunAsync(bareRead.PageBodies, settings.FormatRepeats, ct).ConfigureAwait(false);
            progress.WriteLine(F($"parse alone: {bareRead.Pages} pages in {parse.Wall.TotalSeconds:F2} s, {parse.Cpu.TotalSeconds:F2} CPU-s (least of {parse.Repeats})"));

            return new BackupBenchRun(
                startedAt, clock.Elapsed, settings, machine, cosmosServer,
                new BackupSettingsUsed(options.PageSize, options.ChunkBytes, options.ThroughputShare, options.FallbackRequestUnitsPerSecond, provisioned),
                seed, userKeysElapsed, webhook, bareRead, new Measured<BackupCatalogEntry>(backupClock.Elapsed, entry), bareUpload, bareReadAfter.Elapsed, positions,
                new Measured<VerifyReport>(verifyClock.Elapsed, verify), bareDownload,
                new Measured<RestoreOutcome>(restoreClock.Elapsed, restore), bareInsert, bareInsertAfter.Elapsed, format,
                new BackupCpu(cpu.Cosmos, cpu.Azurite, cpu.HasMachine, cpu.Cores, quiet, bareRead.Cpu!, backupCpu, bareUpload.Cpu!, bareReadAfter.Cpu!, positionsCpu,
                    verifyCpu, bareDownload.Cpu!, bareInsert.Cpu!, restoreCpu, bareInsertAfter.Cpu!, parse));
        }
        finally
        {
            progress.WriteLine("removing the run's databases, containers and tables");
            await env.DeleteResourcesAsync(progress).ConfigureAwait(false);
        }
    }

    /// <summary>The container's provisioned throughput as the backup reads it, or null when there is none to read.</summary>
    private static async Task<int?> ProvisionedThroughputAsync(Container container, CancellationToken ct)
    {
        try
        {
            var throughput = await container.ReadThroughputAsync(new RequestOptions(), ct).ConfigureAwait(false);
            return throughput.Resource?.AutoscaleMaxThroughput ?? throughput.Resource?.Throughput;
        }
        catch (CosmosException)
        {
            return null;
        }
    }

    /// <summary>Each measurement starts from a clean heap, so one's garbage is not collected on another's clock.</summary>
    internal static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Cpu(CpuUse? use) => use is null
        ? "CPU not read"
        : F($"CPU-s: this process {use.Bench:F2}, Cosmos DB emulator {(use.Cosmos is { } c ? c.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}, Azurite {(use.Azurite is { } a ? a.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}, rest of the machine {(use.Rest is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}");
}

/// <summary>
/// The CPU accounting of the run: CPU-seconds of this process, of the emulators and of the rest of the machine over
/// each measurement (the same measurements as the wall times, read outside their clocks), and the backup's parsing
/// timed alone.
/// </summary>
/// <param name="Cosmos">The Cosmos DB emulator's process as found (null: not found, only this process is read).</param>
/// <param name="Azurite">Azurite's process as found (null: not found).</param>
/// <param name="HasMachine">Whether the machine-wide figures (<c>/proc/stat</c>) were read.</param>
/// <param name="Quiet">A few seconds in which this bench did nothing, before the bare read.</param>
internal sealed record BackupCpu(
    MeteredProcess? Cosmos,
    MeteredProcess? Azurite,
    bool HasMachine,
    int Cores,
    CpuUse Quiet,
    CpuUse BareRead,
    CpuUse Backup,
    CpuUse BareUpload,
    CpuUse BareReadAfter,
    CpuUse Positions,
    CpuUse Verify,
    CpuUse BareDownload,
    CpuUse BareInsert,
    CpuUse Restore,
    CpuUse BareInsertAfter,
    StageTiming Parse)
{
    /// <summary>The bare read's limit as the wall-time figure takes it: the mean of the two.</summary>
    public CpuUse BareReadMean => CpuUse.Mean(BareRead, BareReadAfter);
}

/// <summary>The backup settings the run used (the product's defaults unless the bench changed them).</summary>
/// <param name="ProvisionedThroughput">What the source containers report (null: none, so the fallback budget applies).</param>
internal sealed record BackupSettingsUsed(int PageSize, int ChunkBytes, double ThroughputShare, double FallbackRequestUnitsPerSecond, int? ProvisionedThroughput)
{
    /// <summary>The RU/s budget the backup paces itself to, as <c>BackupRunner</c> works it out.</summary>
    public double BudgetPerSecond => ProvisionedThroughput is > 0 ? ProvisionedThroughput.Value * ThroughputShare : FallbackRequestUnitsPerSecond;
}

/// <summary>One run of the backup benchmark.</summary>
internal sealed record BackupBenchRun(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    BackupBenchSettings Settings,
    MachineInfo Machine,
    string CosmosServer,
    BackupSettingsUsed BackupSettings,
    SeedResult Seed,
    TimeSpan UserKeysElapsed,
    WebhookUnderBackupResult Webhook,
    BareReadResult BareRead,
    Measured<BackupCatalogEntry> Backup,
    BareLoopResult BareUpload,
    TimeSpan BareReadAfterElapsed,
    TimeSpan PositionReadsElapsed,
    Measured<VerifyReport> Verify,
    BareLoopResult BareDownload,
    Measured<RestoreOutcome> Restore,
    BareLoopResult BareInsert,
    TimeSpan BareInsertAfterElapsed,
    FormatComparisonResult Format,
    BackupCpu Cpu);

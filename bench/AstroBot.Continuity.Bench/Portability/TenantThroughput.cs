using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Cli.Commands.Portability;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>One run of the whole-tenant measurements, in the order they ran.</summary>
/// <param name="BareRead">The read feed of the seeded database: the items the bare inserts write.</param>
/// <param name="ArchiveBytes">The archives <c>export --all</c> wrote, in all.</param>
internal sealed record TenantThroughputResult(
    SeedResult Seed,
    BareReadResult BareRead,
    int UsersInFlight,
    Measured<TenantExportResult> Export,
    BareLoopResult BareExport,
    BareLoopResult BareInsert,
    Measured<TenantImportResult> Import,
    BareLoopResult BareInsertAfter,
    long ArchiveBytes)
{
    /// <summary>The insert bare limit: the mean of the bare inserts before and after the import.</summary>
    public TimeSpan BareInsertElapsed => (BareInsert.Elapsed + BareInsertAfter.Elapsed) / 2;
}

/// <summary>
/// Whole-tenant export and import as <c>continuity export --all</c> and <c>continuity import --all</c> run them
/// (<see cref="TenantExporter"/>, <see cref="TenantImporter"/>, wired as the CLI wires them), over seeded users,
/// each next to its bare limit: the export next to the same reads and file writes bare, the import (into an empty
/// database) between two bare inserts of the same items.
/// </summary>
internal static class TenantThroughput
{
    public static async Task<TenantThroughputResult> RunAsync(PortabilityBenchSettings settings, string runId, TextWriter progress, CancellationToken ct)
    {
        await using var source = PortabilityWorld.Create($"bench{runId}src");
        await using var target = PortabilityWorld.Create($"bench{runId}imp");
        await using var insert = PortabilityWorld.Create($"bench{runId}ins");
        await using var insertAgain = PortabilityWorld.Create($"bench{runId}ins2");
        var archives = Path.Combine(Path.GetTempPath(), $"bench-{runId}-tenant");
        var bareFiles = Path.Combine(Path.GetTempPath(), $"bench-{runId}-bare-files");
        try
        {
            // 1. The data: `continuity seed`, then its items as the read feed returns them, for the bare inserts.
            var seedRequest = new SeedRequest(settings.Users, settings.ReadingsPerUser, settings.Seed, TimeProvider.System.GetUtcNow());
            var seed = await new SeedWriter(Options.Create(source.CosmosOptions), TimeProvider.System, NullLogger<SeedWriter>.Instance)
                .WriteAsync(seedRequest, null, ct).ConfigureAwait(false);
            progress.WriteLine(F($"tenant: seeded {seed.Users:N0} users, {seed.TotalItems:N0} items in {seed.Elapsed.TotalSeconds:F1} s ({seed.ItemsPerSecond:F0} items/s)"));
            var bareRead = await BareReadFeed.RunAsync(source.Cosmos, source.Database, 1_000, ct).ConfigureAwait(false);
            var batches = bareRead.Data.Containers.Select(container => new InsertBatch(container.Name, container.Items)).ToList();

            // 2. export --all, then its bare limit over the same users and archive sizes.
            var usersInFlight = TenantParallelism.UsersInFlight;
            var exporter = new TenantExporter(
                new AccountFeed(source.Cosmos, source.Database), source.Get<UserExporter>(), source.Get<AuditTrail>(), TimeProvider.System, usersInFlight);
            Directory.CreateDirectory(archives); // as `continuity export --all` does before it starts
            Collect();
            var export = await TimeAsync(() => exporter.RunAsync(archives, null, InvalidId, ct)).ConfigureAwait(false);
            if (export.Result.Users != seed.Users || export.Result.TotalItems != seed.TotalItems)
            {
                throw new InvalidOperationException($"export --all wrote {export.Result.Users:N0} users, {export.Result.TotalItems:N0} items of the {seed.Users:N0} users, {seed.TotalItems:N0} items seeded.");
            }

            progress.WriteLine(F($"tenant: export --all: {export.Result.Users:N0} users in {export.Elapsed.TotalSeconds:F1} s ({export.Result.Users / export.Elapsed.TotalSeconds:F1} users/s)"));
            var archiveSizes = ArchiveFiles.In(archives).Select(path => (WaId: Path.GetFileNameWithoutExtension(path), Bytes: new FileInfo(path).Length)).ToList();
            Collect();
            var bareExport = await BareTenantExport.RunAsync(source.Cosmos, source.Database, archiveSizes, bareFiles, usersInFlight, ct).ConfigureAwait(false);
            progress.WriteLine(F($"tenant: bare export: {bareExport.Operations:N0} users in {bareExport.Elapsed.TotalSeconds:F1} s ({bareExport.Operations / bareExport.Elapsed.TotalSeconds:F1} users/s)"));

            // 3. import --all into an empty database, between two bare inserts of the same items into fresh ones.
            Collect();
            var bareInsert = await BareInsert.RunAsync(insert.Cosmos, insert.Database, batches, ct).ConfigureAwait(false);
            progress.WriteLine(F($"tenant: bare insert: {bareInsert.Items:N0} items in {bareInsert.Elapsed.TotalSeconds:F1} s ({seed.Users / bareInsert.Elapsed.TotalSeconds:F1} users/s)"));
            await insert.DeleteResourcesAsync(progress).ConfigureAwait(false);

            await target.CreateEmptyDatabaseAsync(ct).ConfigureAwait(false);
            var importer = new TenantImporter(target.Get<UserImporter>(), TimeProvider.System, usersInFlight);
            var refusals = new List<ImportRefusal>();
            Collect();
            var import = await TimeAsync(() => importer.RunAsync(archives, new ImportRequest(), null, refusals.Add, ct)).ConfigureAwait(false);
            if (import.Result.Imported != seed.Users || import.Result.Total.Created != seed.TotalItems)
            {
                throw new InvalidOperationException(
                    $"import --all imported {import.Result.Imported:N0} archives, created {import.Result.Total.Created:N0} items, of {seed.Users:N0} users, {seed.TotalItems:N0} items ({string.Join("; ", refusals.Select(r => $"{r.File}: {r.Reason}"))}).");
            }

            progress.WriteLine(F($"tenant: import --all: {import.Result.Imported:N0} users in {import.Elapsed.TotalSeconds:F1} s ({import.Result.Imported / import.Elapsed.TotalSeconds:F1} users/s)"));
            await target.DeleteResourcesAsync(progress).ConfigureAwait(false);
            Collect();
            var bareInsertAfter = await BareInsert.RunAsync(insertAgain.Cosmos, insertAgain.Database, batches, ct).ConfigureAwait(false);
            progress.WriteLine(F($"tenant: bare insert again: {bareInsertAfter.Items:N0} items in {bareInsertAfter.Elapsed.TotalSeconds:F1} s ({seed.Users / bareInsertAfter.Elapsed.TotalSeconds:F1} users/s)"));

            return new TenantThroughputResult(
                seed, bareRead, usersInFlight, export, bareExport, bareInsert, import, bareInsertAfter, archiveSizes.Sum(archive => archive.Bytes));
        }
        finally
        {
            progress.WriteLine("tenant: removing the run's databases, tables and files");
            foreach (var world in new[] { source, target, insert, insertAgain })
            {
                await world.DeleteResourcesAsync(progress).ConfigureAwait(false);
            }

            foreach (var directory in new[] { archives, bareFiles })
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }

    private static void InvalidId(string waId) => throw new InvalidOperationException($"A seeded account has an invalid wa_id: {waId}");

    private static async Task<Measured<T>> TimeAsync<T>(Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await run().ConfigureAwait(false);
        return new Measured<T>(Stopwatch.GetElapsedTime(started), result);
    }

    /// <summary>Each measurement starts from a clean heap, so one's garbage is not collected on another's clock.</summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

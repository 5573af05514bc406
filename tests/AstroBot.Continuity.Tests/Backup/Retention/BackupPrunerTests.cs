using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Retention;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Backup.Runs;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Hosting;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AstroBot.Continuity.Tests.Backup.Retention.TestBackups;

namespace AstroBot.Continuity.Tests.Backup.Retention;

/// <summary>Against Azurite, each test with its own backup container and catalog table; immutability is injected.</summary>
public sealed class BackupPrunerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly BackupOptions options = new()
    {
        ConnectionString = EmulatorEndpoints.StorageConnectionString,
        ContainerName = EmulatorEndpoints.UniqueName("retention"),
        CatalogTableName = EmulatorEndpoints.UniqueName("retention"),
        KeepDaily = 2,
        KeepWeekly = 0,
        KeepMonthly = 0,
    };

    private readonly FakeTimeProvider time = new(Now);
    private readonly RecordingLogger<BackupPruner> log = new();
    private readonly BackupStorage storage;
    private readonly BackupCatalog catalog;

    // Three days of fulls with incrementals, a failed run and a running one; two days are kept.
    private readonly BackupCatalogEntry oldest = Full(Now.AddDays(-3));
    private readonly BackupCatalogEntry oldestIncremental;
    private readonly BackupCatalogEntry old = Full(Now.AddDays(-2));
    private readonly BackupCatalogEntry yesterday = Full(Now.AddDays(-1), BackupState.Verified);
    private readonly BackupCatalogEntry today = Full(Now.AddHours(-10));
    private readonly BackupCatalogEntry todayIncremental;
    private readonly BackupCatalogEntry failed = Full(Now.AddHours(-3), BackupState.Failed) with { Error = "the source database was unreachable" };
    private readonly BackupCatalogEntry running = Full(Now.AddMinutes(-5), BackupState.Running);

    public BackupPrunerTests()
    {
        storage = new BackupStorage(Options.Create(options), time);
        catalog = new BackupCatalog(storage);
        oldestIncremental = Incremental(oldest, Now.AddDays(-3).AddHours(1));
        todayIncremental = Incremental(today, Now.AddHours(-9));
    }

    private IEnumerable<BackupCatalogEntry> Pruned => [oldest, oldestIncremental, old, failed];

    private IEnumerable<BackupCatalogEntry> Kept => [yesterday, today, todayIncremental];

    public async Task InitializeAsync()
    {
        await storage.Archives.CreateIfNotExistsAsync();
        foreach (var entry in new[] { oldest, oldestIncremental, old, yesterday, today, todayIncremental, failed, running })
        {
            await catalog.AddAsync(entry, CancellationToken.None);
            await UploadFilesAsync(entry);
        }
    }

    public async Task DisposeAsync()
    {
        await storage.Archives.DeleteIfExistsAsync();
        await storage.Catalog.DeleteAsync();
    }

    [Fact]
    public async Task PruneAsync_BackupsOutsideRetention_DeletesTheirFilesAndMarksThemPruned()
    {
        var sut = Pruner(storage);

        var report = await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(
            [
                new(oldest.BackupId, RetentionPolicy.OutsideRetention), new(oldestIncremental.BackupId, RetentionPolicy.BaseNotKept),
                new(old.BackupId, RetentionPolicy.OutsideRetention), new(failed.BackupId, RetentionPolicy.FailedRun),
            ],
            report.Pruned);
        Assert.Empty(report.SkippedImmutable);
        Assert.Null(report.Message);
        foreach (var entry in Pruned)
        {
            Assert.Empty(await FilesOfAsync(entry));
            Assert.Equal(BackupState.Pruned, (await FindAsync(entry)).State);
        }

        Assert.True(log.Logged(nameof(LogMessages.BackupPruned)));
    }

    [Fact]
    public async Task PruneAsync_KeptAndRunningBackups_LeftUntouched()
    {
        var sut = Pruner(storage);

        var report = await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(Kept.Select(entry => entry.BackupId), report.Kept.Select(item => item.BackupId));
        foreach (var entry in Kept.Append(running))
        {
            Assert.Equal(FilesFor(entry), await FilesOfAsync(entry));
            Assert.Equal(entry, await FindAsync(entry));
        }
    }

    [Fact]
    public async Task PruneAsync_FailedRun_DeletesItsLeftoversAndKeepsItsError()
    {
        var sut = Pruner(storage);

        await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Empty(await FilesOfAsync(failed));
        Assert.Equal(failed with { State = BackupState.Pruned }, await FindAsync(failed));
    }

    [Fact]
    public async Task PruneAsync_DryRun_DeletesNothingAndReportsWhatARunPrunes()
    {
        var sut = Pruner(storage);

        var dryRun = await sut.PruneAsync(dryRun: true, CancellationToken.None);

        foreach (var entry in Pruned.Concat(Kept).Append(running))
        {
            Assert.Equal(FilesFor(entry), await FilesOfAsync(entry));
            Assert.Equal(entry, await FindAsync(entry));
        }

        var run = await sut.PruneAsync(dryRun: false, CancellationToken.None);
        Assert.True(dryRun.DryRun);
        Assert.False(run.DryRun);
        Assert.Equal(run.Pruned, dryRun.Pruned);
        Assert.Equal(run.Kept, dryRun.Kept);
    }

    [Fact]
    public async Task PruneAsync_BlobsStillImmutable_SkipsThatBackupAndPrunesTheOthers()
    {
        var immutable = new ImmutableBlobsTransport($"/{old.BackupId}/");
        var sut = Pruner(StorageWith(immutable));

        var report = await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal([new PruneReportItem(old.BackupId, RetentionPolicy.OutsideRetention)], report.SkippedImmutable);
        Assert.Equal([oldest.BackupId, oldestIncremental.BackupId, failed.BackupId], report.Pruned.Select(item => item.BackupId));
        Assert.Equal(FilesFor(old), await FilesOfAsync(old));
        Assert.Equal(old with { Error = BackupPruner.StillImmutable }, await FindAsync(old));
        Assert.Equal(BackupState.Pruned, (await FindAsync(oldest)).State);
        Assert.True(log.Logged(nameof(LogMessages.BackupPruneSkippedImmutable)));
    }

    [Fact]
    public async Task PruneAsync_SkippedBackupNoLongerImmutable_PrunesItAndClearsTheNote()
    {
        await Pruner(StorageWith(new ImmutableBlobsTransport($"/{old.BackupId}/"))).PruneAsync(dryRun: false, CancellationToken.None);
        var sut = Pruner(storage);

        var report = await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal([old.BackupId], report.Pruned.Select(item => item.BackupId));
        Assert.Empty(await FilesOfAsync(old));
        Assert.Equal(old with { State = BackupState.Pruned }, await FindAsync(old));
    }

    [Fact]
    public async Task PruneAsync_ChunksStillImmutableAfterTheManifestWent_MarksTheBackupFailedAndFinishesItLater()
    {
        var immutable = new ImmutableBlobsTransport($"/{old.BackupId}/chunks/");

        var first = await Pruner(StorageWith(immutable)).PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal([old.BackupId], first.SkippedImmutable.Select(item => item.BackupId));
        Assert.Equal(FilesFor(old).Where(file => !file.EndsWith(BackupLayout.ManifestFileName, StringComparison.Ordinal)), await FilesOfAsync(old));
        Assert.Equal(old with { State = BackupState.Failed, Error = BackupPruner.PartlyPruned }, await FindAsync(old));

        var second = await Pruner(storage).PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal([new PruneReportItem(old.BackupId, RetentionPolicy.FailedRun)], second.Pruned);
        Assert.Empty(await FilesOfAsync(old));
        Assert.Equal(old with { State = BackupState.Pruned }, await FindAsync(old));
    }

    [Fact]
    public async Task PruneAsync_BackupRunHoldsTheLease_PrunesNothingAndSaysWhy()
    {
        await using var lease = await BackupLease.TryAcquireAsync(storage.Archives, Database, options.LeaseDuration, time, CancellationToken.None);
        Assert.NotNull(lease);
        var sut = Pruner(storage);

        var report = await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Empty(report.Pruned);
        Assert.Empty(report.SkippedImmutable);
        Assert.Contains("is running", report.Message, StringComparison.Ordinal);
        foreach (var entry in Pruned)
        {
            Assert.Equal(FilesFor(entry), await FilesOfAsync(entry));
            Assert.Equal(entry, await FindAsync(entry));
        }

        Assert.True(log.Logged(nameof(LogMessages.BackupPruneSkippedLeaseHeld)));
    }

    [Fact]
    public async Task PruneAsync_LeaseLostMidway_StopsBeforeTheNextBackupAndSaysSo()
    {
        // Another client breaks the lease at the first deletion (of the newest backup to prune, the failed run's): that
        // backup's deletions go on, and the renewal before the next backup finds the lease gone.
        var breaker = new LeaseBreakingRequest(storage.Archives, Database, hangUntilCancelled: false, LeaseBreakingRequest.Deletion);
        var sut = Pruner(new BackupStorage(Options.Create(options), time, breaker.ClientOptions()));

        var report = await sut.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.True(breaker.Broken.IsCompleted);
        Assert.Equal([failed.BackupId], report.Pruned.Select(item => item.BackupId));
        Assert.Contains($"Pruning stopped: the backup lease of database {Database} was lost", report.Message, StringComparison.Ordinal);
        foreach (var entry in new[] { oldest, oldestIncremental, old })
        {
            Assert.Equal(FilesFor(entry), await FilesOfAsync(entry));
            Assert.Equal(entry, await FindAsync(entry));
        }

        Assert.True(log.Logged(nameof(LogMessages.BackupPruneStoppedLeaseLost)));
    }

    [Fact]
    public async Task PruneAsync_LeaseReleasedAfterARun_NextBackupRunCanTakeIt()
    {
        await Pruner(storage).PruneAsync(dryRun: false, CancellationToken.None);

        await using var lease = await BackupLease.TryAcquireAsync(storage.Archives, Database, options.LeaseDuration, time, CancellationToken.None);

        Assert.NotNull(lease);
    }

    private BackupPruner Pruner(BackupStorage backupStorage) => new(
        backupStorage,
        new BackupCatalog(backupStorage),
        Options.Create(options),
        Options.Create(new CosmosOptions { DatabaseName = Database }),
        time,
        log);

    private BackupStorage StorageWith(ImmutableBlobsTransport transport) =>
        new(Options.Create(options), time, new BlobClientOptions { Transport = transport });

    /// <summary>A manifest (but for runs that never got there) and two chunks, as a run leaves them.</summary>
    private static List<string> FilesFor(BackupCatalogEntry entry)
    {
        List<string> chunks =
        [
            BackupLayout.Chunk(Database, entry.BackupId, BackupLayout.ChunkName("users", 0)),
            BackupLayout.Chunk(Database, entry.BackupId, BackupLayout.ChunkName("users", 1)),
        ];
        return entry.State is BackupState.Failed or BackupState.Running ? chunks : [.. chunks, BackupLayout.Manifest(Database, entry.BackupId)];
    }

    private async Task UploadFilesAsync(BackupCatalogEntry entry)
    {
        foreach (var name in FilesFor(entry))
        {
            await storage.Archives.UploadBlobAsync(name, BinaryData.FromString("not a real chunk"));
        }
    }

    private async Task<List<string>> FilesOfAsync(BackupCatalogEntry entry)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupLayout.Prefix(Database, entry.BackupId), CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<BackupCatalogEntry> FindAsync(BackupCatalogEntry entry) =>
        await catalog.FindAsync(Database, entry.BackupId, CancellationToken.None) ?? throw new InvalidOperationException($"{entry.BackupId} left the catalog");
}

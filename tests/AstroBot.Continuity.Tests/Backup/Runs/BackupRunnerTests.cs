using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Portability.WhatsApp;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace AstroBot.Continuity.Tests.Backup.Runs;

public sealed class BackupRunnerTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_Full_CommitsEveryItemWithManifestLast()
    {
        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Committed, entry.State);
        Assert.Equal(harness.TotalItems, entry.ItemCount);
        Assert.True(entry.ChunkCount >= BotDataModel.Containers.Count);
        Assert.True(entry.RequestCharge > 0);
        var manifest = await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.Database.Options.DatabaseName, entry.BackupId)).GetPropertiesAsync();
        var newestChunk = await NewestChunkWriteAsync(entry.BackupId);
        Assert.True(manifest.Value.LastModified >= newestChunk);
    }

    [Fact]
    public async Task RunAsync_Full_StoresNoPlaintext()
    {
        var entry = await harness.RunFullAsync();
        var user = harness.Users[0];

        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{harness.Database.Options.DatabaseName}/{entry.BackupId}/chunks/", CancellationToken.None))
        {
            var content = (await harness.Archives.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain(user.WaId, content, StringComparison.Ordinal);
            Assert.DoesNotContain("wa_id", content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_IncrementalAfterFull_HoldsOnlyTheChanges()
    {
        var full = await harness.RunFullAsync();
        var user = harness.Users[1];
        var preferences = harness.Container(harness.Database.Options.DatabaseName, BotDataModel.Preferences.Name);
        await preferences.UpsertItemAsync(new JObject { ["id"] = "prefs-changed", ["wa_id"] = user.WaId, ["type"] = "preferences", ["language"] = "fr" });

        var result = await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Equal(1, result.Entry!.ItemCount);
        Assert.Equal(full.BackupId, result.Entry.BaseBackupId);
        Assert.Equal(full.BackupId, result.Entry.ParentBackupId);
    }

    [Fact]
    public async Task RunAsync_SecondIncremental_ContinuesFromTheFirst()
    {
        var full = await harness.RunFullAsync();
        var first = (await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None)).Entry!;
        var messages = harness.Container(harness.Database.Options.DatabaseName, BotDataModel.Messages.Name);
        await messages.UpsertItemAsync(new JObject { ["id"] = "m-new-1", ["wa_id"] = harness.Users[2].WaId, ["type"] = "message", ["text"] = "hi" });
        await messages.UpsertItemAsync(new JObject { ["id"] = "m-new-2", ["wa_id"] = harness.Users[3].WaId, ["type"] = "message", ["text"] = "hello" });

        var second = (await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None)).Entry!;

        Assert.Equal(0, first.ItemCount);
        Assert.Equal(2, second.ItemCount);
        Assert.Equal(first.BackupId, second.ParentBackupId);
        Assert.Equal(full.BackupId, second.BaseBackupId);
    }

    [Fact]
    public async Task RunAsync_IncrementalWithoutFull_SkipsAndWritesNothing()
    {
        var result = await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Skipped, result.Outcome);
        Assert.Contains("No full backup", result.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.CatalogAsync());
    }

    [Fact]
    public async Task RunAsync_LeaseHeldByAnotherRun_ReturnsLeaseHeldAtOnceNamingTheRun()
    {
        var logs = new CapturedLogs();
        var holder = await RecordRunningAsync();
        await using var held = await HoldLeaseAsync(TimeSpan.FromSeconds(30));

        var result = await harness.Runner(harness.Services(configure: services => services.AddSingleton<ILoggerProvider>(logs)))
            .RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.LeaseHeld, result.Outcome);
        Assert.StartsWith($"Another backup of database '{harness.DatabaseName}' holds the lease (run {holder}, recorded as running since", result.Message, StringComparison.Ordinal);
        Assert.Contains("the lease of a run that died lapses within 60 s", result.Message, StringComparison.Ordinal);
        Assert.Null(result.Entry);
        var skipped = Assert.Single(logs.Lines, line => line.Contains($"[{ContinuityEventId.BackupSkippedLeaseHeld}]", StringComparison.Ordinal));
        Assert.Contains("LooksAlive=True", skipped, StringComparison.Ordinal);
        Assert.Equal([holder], (await harness.CatalogAsync()).Select(entry => entry.BackupId));
    }

    [Fact]
    public async Task RunAsync_LeaseHeldAndNoRunRecorded_SaysTheHolderMayHaveDiedBeforeRecordingItself()
    {
        await using var held = await HoldLeaseAsync(TimeSpan.FromSeconds(30));

        var result = await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.LeaseHeld, result.Outcome);
        Assert.Contains("no backup run is recorded as running", result.Message, StringComparison.Ordinal);
        Assert.Contains("a run that died before recording itself", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WaitingForALeaseItsHolderKeepsRenewing_GivesUpAfterALeaseDurationSayingSo()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var start = clock.GetUtcNow();
        var holder = await RecordRunningAsync();
        // Held on the real clock, renewing: on the run's fake clock no lease can lapse, as if its holder renewed it throughout.
        await using var held = await HoldLeaseAsync(ShortLease);
        var waits = new List<BackupLeaseWait>();

        var run = harness.Runner(ShortLeaseServices(clock)).RunAsync(BackupKind.Full, null, waits.Add, CancellationToken.None);
        await AdvanceWhileWaitingAsync(clock, run);
        var result = await run;

        Assert.Equal(BackupRunOutcome.LeaseHeld, result.Outcome);
        Assert.Contains("still holds the lease after a wait longer than a lease lasts without renewal (15 s)", result.Message, StringComparison.Ordinal);
        Assert.Contains($"another run is holding the lease and renewing it (run {holder}", result.Message, StringComparison.Ordinal);
        var wait = Assert.Single(waits);
        Assert.Equal(ShortLease + BackupLeaseAcquisition.Margin, wait.Bound);
        Assert.Equal(holder, wait.Holder.Run?.BackupId);
        Assert.Equal(wait.Bound, clock.GetUtcNow() - start); // the whole bound, on the run's clock
        Assert.Equal([holder], (await harness.CatalogAsync()).Select(entry => entry.BackupId));
    }

    [Fact]
    public async Task RunAsync_WaitingForALeaseThatLapses_TakesItAndCommits()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var held = await HoldLeaseAsync(ShortLease);
        var waits = new List<BackupLeaseWait>();

        var run = harness.Runner(ShortLeaseServices(clock)).RunAsync(BackupKind.Full, null, waits.Add, CancellationToken.None);
        // The holder dies: released here, where a dead run's lease would lapse on the service's clock.
        await clock.WhenAsync(watched => watched.WaitingTimers == 1, Bound);
        await held!.DisposeAsync();
        clock.Advance(BackupLeaseAcquisition.RetryInterval);
        await AdvanceRunClockAsync(clock, run);
        var result = await run;

        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        Assert.Single(waits);
        Assert.Equal(harness.TotalItems, result.Entry!.ItemCount);
    }

    [Fact]
    public async Task RunAsync_LeaseBrokenBeforeTheManifest_FailsWithoutAManifestSayingTheLeaseWasLost()
    {
        var breaker = new LeaseBreakingRequest(harness.Archives, harness.DatabaseName, hangUntilCancelled: false);
        var services = harness.Services(configure: services => services.AddSingleton(provider => new BackupStorage(
            provider.GetRequiredService<IOptions<BackupOptions>>(), TimeProvider.System, breaker.ClientOptions())));

        var result = await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.True(breaker.Broken.IsCompleted);
        AssertFailedForTheLostLease(result);
        Assert.Contains("it was broken", result.Message, StringComparison.Ordinal);
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Failed, entry.State);
        Assert.Equal(result.Entry!.Error, entry.Error);
        Assert.False(await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.DatabaseName, entry.BackupId)).ExistsAsync());
        Assert.Empty(await ChunksOfAsync(entry.BackupId));
    }

    [Fact]
    public async Task RunAsync_LeaseLostWhileAnUploadStalls_CancelsItAndFailsWithoutAManifest()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var breaker = new LeaseBreakingRequest(harness.Archives, harness.DatabaseName, hangUntilCancelled: true);
        var services = ShortLeaseServices(clock, services => services.AddSingleton(provider => new BackupStorage(
            provider.GetRequiredService<IOptions<BackupOptions>>(), clock, breaker.ClientOptions())));

        var run = harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);
        await AdvanceRunClockAsync(clock, run, until: breaker.Broken);
        // The first upload stalls, the lease broken meanwhile: the next renewal finds it lost, and the stalled upload stops.
        await clock.WhenAsync(watched => watched.WaitingTimers == LeaseTimers + SliceTimers, Bound);
        Assert.False(run.IsCompleted);
        clock.Advance(ShortLease / 3);
        var result = await run.WaitAsync(Bound);

        Assert.True(breaker.RequestCancelled);
        AssertFailedForTheLostLease(result);
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Failed, entry.State);
        Assert.Contains("BackupLeaseLostException: The backup lease of database", entry.Error, StringComparison.Ordinal);
        Assert.False(await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.DatabaseName, entry.BackupId)).ExistsAsync());
        Assert.Empty(await ChunksOfAsync(entry.BackupId));
    }

    [Fact]
    public async Task RunAsync_NoKeyEncryptionKey_FailsClearlyBeforeWriting()
    {
        var services = harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = null });

        var exception = await Assert.ThrowsAsync<KeyRingException>(() => harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None));

        Assert.Contains("No key-encryption key is configured", exception.Message, StringComparison.Ordinal);
        Assert.False(await harness.Archives.ExistsAsync());
    }

    [Fact]
    public async Task RunAsync_StorageFailsMidway_FailsAndLeavesNoVisibleBackup()
    {
        var faults = new FailingBlobWrites(afterSuccessfulChunks: 2);
        var services = harness.Services(configure: services => services.AddSingleton(provider => new BackupStorage(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackupOptions>>(), TimeProvider.System, faults.ClientOptions())));

        var result = await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Failed, result.Outcome);
        Assert.True(faults.Failures > 1, "the SDK retried before giving up");
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Failed, entry.State);
        Assert.False(await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.Database.Options.DatabaseName, entry.BackupId)).ExistsAsync());
        Assert.Empty(await ChunksOfAsync(entry.BackupId));
    }

    [Fact]
    public async Task RunAsync_AfterARunThatDied_CleansItUpAndCommits()
    {
        // A run that died: a catalog row still "running" and chunk files without a manifest.
        var database = harness.Database.Options.DatabaseName;
        var catalog = harness.Services().GetRequiredService<BackupCatalog>();
        var dead = BackupId.New(BackupKind.Full, DateTimeOffset.UtcNow.AddHours(-1)).Value;
        await catalog.AddAsync(BackupCatalogEntries.Running(database, dead, null, null, DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        await harness.Archives.CreateIfNotExistsAsync();
        await harness.Archives.UploadBlobAsync(BackupLayout.Chunk(database, dead, BackupLayout.ChunkName("accounts", 0)), BinaryData.FromString("partial"));

        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Empty(await ChunksOfAsync(dead));
        var deadEntry = (await harness.CatalogAsync()).Single(entry => entry.BackupId == dead);
        Assert.Equal(BackupState.Failed, deadEntry.State);
        Assert.Contains("abandoned", deadEntry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CosmosThrottles_BacksOffAndFinishesWithEveryItem()
    {
        var throttling = new ThrottlingHandler(throttleEvery: 3);
        var services = harness.Services(configure: services => services.AddSingleton(provider =>
            new BackupCosmosClient(new CosmosClientFactory(harness.Database.Options), throttling)));

        var result = await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Equal(harness.TotalItems, result.Entry!.ItemCount);
        Assert.True(result.Entry.Throttles > 0);
        Assert.Equal(result.Entry.Throttles, throttling.Throttled);
    }

    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>A lease's timers on the clock while it is held: the next renewal, and the lapse deadline.</summary>
    private const int LeaseTimers = 2;

    /// <summary>A slice's timer on the clock while it reads (the only step that reads pages, so the only one paced): its deadline.</summary>
    private const int SliceTimers = 1;

    private static void AssertFailedForTheLostLease(BackupRunResult result)
    {
        Assert.Equal(BackupRunOutcome.Failed, result.Outcome);
        Assert.Contains($"failed: BackupLeaseLostException: The backup lease of database", result.Message, StringComparison.Ordinal);
        Assert.Contains("was lost (", result.Message, StringComparison.Ordinal);
        Assert.Contains("the run stopped and its backup was not committed", result.Message, StringComparison.Ordinal);
    }

    /// <summary>A shorter lease (the shortest a blob lease can be) and a clock of the test's, for runs that wait or lose their lease.</summary>
    private IServiceProvider ShortLeaseServices(WatchedClock clock, Action<IServiceCollection>? configure = null) =>
        harness.Services(
            new Dictionary<string, string?>
            {
                ["Backup:LeaseDuration"] = "00:00:15",
                // The RU budget paces on the clock too: at this rate its waits are microseconds, which the tests step over.
                ["Backup:FallbackRequestUnitsPerSecond"] = "1000000",
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                configure?.Invoke(services);
            });

    /// <summary>Another run's lease, held by another client and renewed on the real clock.</summary>
    private async Task<BackupLease?> HoldLeaseAsync(TimeSpan duration)
    {
        await harness.Archives.CreateIfNotExistsAsync();
        var held = await BackupLease.TryAcquireAsync(harness.Archives, harness.DatabaseName, duration, TimeProvider.System, CancellationToken.None);
        Assert.NotNull(held);
        return held;
    }

    /// <summary>The catalog row of a run recorded as running (the holder of a lease); returns its backup id.</summary>
    private async Task<string> RecordRunningAsync()
    {
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var backupId = BackupId.New(BackupKind.Full, startedAt).Value;
        var catalog = harness.Services().GetRequiredService<BackupCatalog>();
        await catalog.AddAsync(BackupCatalogEntries.Running(harness.DatabaseName, backupId, null, null, startedAt), CancellationToken.None);
        return backupId;
    }

    /// <summary>While the run waits for the lease (its one timer on the clock), moves the clock on to its next try.</summary>
    private static async Task AdvanceWhileWaitingAsync(WatchedClock clock, Task run)
    {
        while (!run.IsCompleted)
        {
            var waiting = clock.WhenAsync(watched => watched.WaitingTimers == 1, Bound);
            if (await Task.WhenAny(run, waiting) == waiting && !run.IsCompleted)
            {
                clock.Advance(BackupLeaseAcquisition.RetryInterval);
            }
        }
    }

    /// <summary>
    /// Runs a backup on the test's clock until <paramref name="until"/> (else the run's end): whatever waits on the
    /// clock beyond the lease's own timers and the slice's deadline is the RU budget's pacing, a microsecond or so here, so a millisecond
    /// frees it without coming near the lease's next renewal.
    /// </summary>
    private static async Task AdvanceRunClockAsync(WatchedClock clock, Task run, Task? until = null)
    {
        until ??= run;
        while (!until.IsCompleted && !run.IsCompleted)
        {
            var pacing = clock.WhenAsync(watched => watched.WaitingTimers > LeaseTimers + SliceTimers, Bound);
            if (await Task.WhenAny(run, until, pacing) == pacing)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    private async Task<List<string>> ChunksOfAsync(string backupId)
    {
        var names = new List<string>();
        if (!await harness.Archives.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupLayout.Prefix(harness.Database.Options.DatabaseName, backupId), CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<DateTimeOffset> NewestChunkWriteAsync(string backupId)
    {
        var newest = DateTimeOffset.MinValue;
        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupLayout.Prefix(harness.Database.Options.DatabaseName, backupId) + "chunks/", CancellationToken.None))
        {
            newest = blob.Properties.LastModified > newest ? blob.Properties.LastModified!.Value : newest;
        }

        return newest;
    }
}

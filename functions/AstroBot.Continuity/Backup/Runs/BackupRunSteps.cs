using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// A backup run as short steps, each under the database's lease (taken under the run's lease id, kept between steps)
/// and each reading its state from the run's checkpoints, so none outlives a function's timeout at any size: plan (the
/// lease, resume or start the run, tidy up dead ones, every container's change-feed position, once), slices (each reads
/// one container for at most <c>Backup:SliceDuration</c> and checkpoints), commit (the manifest last) or fail. The
/// Durable orchestration (<see cref="BackupOrchestrator"/>) and the in-process <see cref="BackupRunner"/> drive these.
/// </summary>
public sealed class BackupRunSteps(
    BackupStorage storage,
    BackupCatalog catalog,
    BackupCosmosClient cosmos,
    IOptions<CosmosOptions> cosmosOptions,
    IOptions<BackupOptions> backupOptions,
    KeyRingProvider keyRings,
    UserKeyStore userKeyStore,
    BackupTelemetry telemetry,
    TimeProvider time,
    ILogger<BackupRunSteps> logger)
{
    /// <summary>
    /// How long past <c>Backup:SliceDuration</c> a slice may take to reach its next page boundary (a slow or throttled
    /// page, its chunk's upload, the checkpoint) before it is cancelled, so no slice outlives a function's timeout.
    /// </summary>
    public static readonly TimeSpan SliceGrace = TimeSpan.FromMinutes(2);

    private readonly BackupOptions options = backupOptions.Value;

    // The user keys of the run this instance last sliced: read once per run and instance, as a run in one invocation did.
    private readonly RunUserKeysCache runKeys = new(userKeyStore);
    private readonly string database = cosmosOptions.Value.DatabaseName;

    private BackupRunProgress Runs => new(storage.Runs);

    private BackupFeeds Feeds => new(cosmos.Client, database, options, time);

    /// <summary>Plans a run, or says why there is none now.</summary>
    /// <param name="waitForLease">
    /// Null: when another run holds the lease, end with <see cref="BackupRunOutcome.LeaseHeld"/> at once. Else wait for it,
    /// at most a lease duration plus a margin (within which a dead run's lease lapses), saying so through this once.
    /// </param>
    public async Task<BackupRunPlan> PlanAsync(BackupRunRequest request, Action<BackupLeaseWait>? waitForLease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // No key, no backup: fail before touching anything.
        var keyRing = await keyRings.GetAsync(cancellationToken).ConfigureAwait(false);
        await storage.Archives.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await catalog.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var acquisition = new BackupLeaseAcquisition(storage.Archives, catalog, database, options.LeaseDuration, request.LeaseId, time);
        var (acquired, holder) = await acquisition.AcquireAsync(
            waitForLease is null ? null : wait =>
            {
                LogMessages.BackupWaitingForLease(logger, database, wait.Bound.TotalSeconds, wait.Holder.Description);
                waitForLease(wait);
            },
            cancellationToken).ConfigureAwait(false);
        await using var lease = acquired;
        if (lease is null)
        {
            LogMessages.BackupSkippedLeaseHeld(logger, database, holder!.LooksAlive, holder.Description);
            return BackupRunPlan.EndedWith(new BackupRunResult(BackupRunOutcome.LeaseHeld, holder.Message, null));
        }

        using var underLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            var plan = await PlanUnderLeaseAsync(request.Kind, keyRing, underLease.Token).ConfigureAwait(false);
            if (plan.Ended is null)
            {
                lease.KeepForNextStep();
            }

            return plan;
        }
        catch (Exception exception) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Lost while tidying up or planning: a run recorded already is resumed or tidied up by the lease's holder.
            var lost = BackupLeaseLostException.For(database, lease, exception);
            LogMessages.BackupLeaseLostBeforeStart(logger, database, lost);
            return BackupRunPlan.EndedWith(new BackupRunResult(BackupRunOutcome.Failed, $"Backup of database '{database}' did not start: {lost.Message}", null));
        }
    }

    private async Task<BackupRunPlan> PlanUnderLeaseAsync(BackupKind kind, KeyRing keyRing, CancellationToken cancellationToken)
    {
        var reader = new BackupArchiveReader(storage.Archives, keyRing, database);
        var cleaner = new AbandonedRunCleaner(storage.Archives, catalog, reader, time);
        var runs = Runs;
        var (run, abandonedRuns) = await new BackupRunStarter(catalog, runs, reader, cleaner, time).StartAsync(kind, keyRing, cancellationToken).ConfigureAwait(false);
        foreach (var abandoned in abandonedRuns)
        {
            LogMessages.AbandonedBackupRemoved(logger, abandoned);
        }

        if (run is null)
        {
            return BackupRunPlan.EndedWith(new BackupRunResult(BackupRunOutcome.Skipped, $"No full backup of database '{database}' to build an incremental on yet.", null));
        }

        if (run.Resumed)
        {
            LogMessages.BackupResuming(logger, run.BackupId, database, run.StartedAt);
        }
        else
        {
            LogMessages.BackupStarting(logger, run.BackupId, database);
        }

        // Positions, once: a full reads every item after taking each container's position, so the next incremental,
        // starting there, catches again what changed during the read; an incremental reads on from its parent's.
        var containers = new List<PlannedContainer>();
        foreach (var definition in BotDataModel.Containers)
        {
            var parts = await runs.FindPartsAsync(run.BackupId, definition.Name, cancellationToken).ConfigureAwait(false);
            containers.Add(new PlannedContainer(
                definition.Name, parts.Count > 0 ? parts.Count : await PlanContainerAsync(runs, run, definition.Name, cancellationToken).ConfigureAwait(false)));
        }

        return new BackupRunPlan(run.BackupId, containers, null, options.RetryInterval, options.ParallelRanges);
    }

    /// <summary>
    /// Records where the container is read from: a full reads each feed range on its own (so they can be read at once,
    /// each at its physical partition's share of the throughput), an incremental the container's whole change feed.
    /// </summary>
    /// <returns>How many parts the container is read in.</returns>
    private async Task<int> PlanContainerAsync(BackupRunProgress runs, StartedRun run, string container, CancellationToken cancellationToken)
    {
        var statistics = new FeedStatistics();
        var feed = Feeds.AtFallbackBudget(container, statistics);
        var (start, ranges) = run.Parent is null
            ? (await feed.CurrentPositionAsync(cancellationToken).ConfigureAwait(false), await feed.FeedRangesAsync(cancellationToken).ConfigureAwait(false))
            : (BackupFeeds.ResumePosition(run.Parent, container), []);
        IReadOnlyList<string?> parts = ranges.Count > 0 ? [.. ranges] : [null];
        // Last to first: the first part is recorded only once all are, which is how a resumed run knows them all.
        for (var range = parts.Count - 1; range >= 0; range--)
        {
            var planned = ContainerCheckpoint.Planned(container, range, parts.Count, parts[range], start);
            await runs.SaveAsync(
                run.BackupId, range == 0 ? planned with { RequestCharge = statistics.RequestCharge, Throttles = statistics.Throttles } : planned, 0, cancellationToken).ConfigureAwait(false);
        }

        return parts.Count;
    }

    /// <summary>Reads one part of a container on from its checkpoint for at most <c>Backup:SliceDuration</c> (to the next page boundary).</summary>
    /// <exception cref="BackupLeaseLostException">The lease is another run's, or was lost during the slice.</exception>
    public async Task<BackupSliceResult> RunSliceAsync(BackupSliceRef slice, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var keyRing = await keyRings.GetAsync(cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        await using var lease = await TakeLeaseAsync(slice.LeaseId, cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(options.SliceDuration + SliceGrace, time);
        using var underLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost, deadline.Token);
        var token = underLease.Token;
        byte[]? dataKey = null;
        try
        {
            var runs = Runs;
            var record = await RecordAsync(runs, slice.BackupId, token).ConfigureAwait(false);
            var checkpoint = await runs.FindAsync(slice.BackupId, slice.Container, slice.Range, token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Backup {slice.BackupId} has no plan for part {slice.Range} of container {slice.Container}.");
            if (!checkpoint.Done)
            {
                dataKey = new BackupArchiveReader(storage.Archives, keyRing, database).OpenDataKey(record.BackupId, record.Encryption);
                var userKeys = await runKeys.ForRunAsync(record.BackupId, token).ConfigureAwait(false);
                var statistics = new FeedStatistics();
                var feed = await Feeds.PacedAsync(slice.Container, statistics, sharedBy: Math.Min(checkpoint.Ranges, options.ParallelRanges), token).ConfigureAwait(false);
                var backup = new ContainerBackup(
                    new ArchiveWriter(storage.Archives, database, record.BackupId, dataKey, userKeys), options.ChunkBytes, userKeys.Unreadable, checkpoint,
                    (state, saved, stateToken) => runs.SaveAsync(record.BackupId, state, saved, stateToken), progress);
                var full = record.ParentBackupId is null;
                checkpoint = await backup.RunSliceAsync(
                    full ? feed.ReadAllAsync(token, checkpoint.Continuation, checkpoint.FeedRange) : feed.ReadChangesAsync(checkpoint.Continuation ?? checkpoint.ChangeFeedStart, token),
                    statistics,
                    () => time.GetElapsedTime(started) >= options.SliceDuration,
                    full ? _ => null : last => last ?? checkpoint.ChangeFeedStart,
                    token).ConfigureAwait(false);
            }

            return new BackupSliceResult(checkpoint.Done, checkpoint.ItemCount);
        }
        catch (Exception exception) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw BackupLeaseLostException.For(database, lease, exception);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Backup {slice.BackupId}: a slice of part {slice.Range} of container {slice.Container} reached no page boundary within {(options.SliceDuration + SliceGrace).TotalSeconds:0} s " +
                "(Backup:SliceDuration and the grace after it); tried again, it goes on from its last checkpoint.", exception);
        }
        finally
        {
            // Held on also when the slice failed: it is tried again, and the container's other parts may be being read.
            // Only a caller that stops the run (Ctrl-C) lets it go, so the next start can resume at once.
            if (!cancellationToken.IsCancellationRequested)
            {
                lease.KeepForNextStep();
            }

            if (dataKey is not null)
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }
    }

    /// <summary>Writes the manifest (the backup exists from then on) and records the backup as committed.</summary>
    /// <exception cref="BackupLeaseLostException">The lease is another run's: no manifest without it.</exception>
    public async Task<BackupRunResult> CommitAsync(BackupRunRef run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        runKeys.Forget(run.BackupId);
        var keyRing = await keyRings.GetAsync(cancellationToken).ConfigureAwait(false);
        var runs = Runs;
        if (await runs.FindAsync(run.BackupId, cancellationToken).ConfigureAwait(false) is null
            && await catalog.FindAsync(database, run.BackupId, cancellationToken).ConfigureAwait(false) is { IsUsable: true } done)
        {
            return Committed(done, 0, 0); // committed already: this is the step again
        }

        BackupManifest manifest;
        IReadOnlyList<ContainerCheckpoint> parts;
        var endStatistics = new FeedStatistics();
        await using (var lease = await TakeLeaseAsync(run.LeaseId, cancellationToken).ConfigureAwait(false))
        {
            using var underLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            try
            {
                var record = await RecordAsync(runs, run.BackupId, underLease.Token).ConfigureAwait(false);
                parts = await AllPartsAsync(runs, run.BackupId, underLease.Token).ConfigureAwait(false);
                var reader = new BackupArchiveReader(storage.Archives, keyRing, database);
                var parent = record.ParentBackupId is { } parentId ? await reader.ReadManifestAsync(parentId, underLease.Token).ConfigureAwait(false) : null;
                manifest = new BackupManifest
                {
                    BackupId = run.BackupId,
                    Kind = parent is null ? BackupKind.Full : BackupKind.Incremental,
                    BaseBackupId = parent?.BaseBackupId ?? parent?.BackupId,
                    ParentBackupId = parent?.BackupId,
                    SourceAccount = cosmosOptions.Value.GetEndpointUri().Host,
                    SourceDatabase = database,
                    StartedAt = record.StartedAt,
                    CompletedAt = time.GetUtcNow(),
                    Encryption = record.Encryption,
                    Containers = await ManifestContainersAsync(run.BackupId, parts, full: parent is null, endStatistics, underLease.Token).ConfigureAwait(false),
                };
                // Above all, no manifest without the lease: a lease broken or taken since it was last renewed is found here.
                await lease.ConfirmAsync(underLease.Token).ConfigureAwait(false);
                manifest = await WriteManifestOnceAsync(reader, manifest, keyRing, underLease.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw BackupLeaseLostException.For(database, lease, exception);
            }
        }

        // The manifest is written: the backup exists, lease or not, so recording it is not stopped by losing the lease.
        var running = await catalog.FindAsync(database, run.BackupId, cancellationToken).ConfigureAwait(false);
        var committed = BackupCatalogEntries.Committed(
            database, manifest, running is null ? null : running with
            {
                RequestCharge = parts.Sum(part => part.RequestCharge) + endStatistics.RequestCharge,
                Throttles = parts.Sum(part => part.Throttles) + endStatistics.Throttles,
            });
        await catalog.SaveAsync(committed, cancellationToken).ConfigureAwait(false);
        await BestEffortAsync(() => runs.DeleteAsync(run.BackupId, CancellationToken.None)).ConfigureAwait(false);
        telemetry.RecordRun(committed);
        LogMessages.BackupCommitted(logger, run.BackupId, committed.ItemCount, committed.StoredBytes, committed.RequestCharge, committed.Throttles);
        var (leftOutUsers, leftOutItems) = (parts.Max(part => part.LeftOutUsers), parts.Sum(part => part.LeftOutItems));
        if (leftOutUsers > 0)
        {
            LogMessages.BackupUserKeysUnreadable(logger, run.BackupId, leftOutUsers, leftOutItems);
        }

        return Committed(committed, leftOutUsers, leftOutItems);
    }

    /// <summary>
    /// Ends a run that failed: marks it failed and removes its files and checkpoints, which is safe only while this run
    /// still holds the lease; otherwise the run holding it now may have resumed this one, and they are left to it.
    /// </summary>
    public async Task<BackupRunResult> FailAsync(BackupRunFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        runKeys.Forget(failure.BackupId);
        var entry = await catalog.FindAsync(database, failure.BackupId, cancellationToken).ConfigureAwait(false);
        var failed = entry is null ? null : entry with { State = BackupState.Failed, CompletedAt = time.GetUtcNow(), Error = failure.Error };
        var message = $"Backup {failure.BackupId} failed: {failure.Error}";
        await using var lease = await BackupLease.TryAcquireAsync(storage.Archives, database, options.LeaseDuration, time, failure.LeaseId, cancellationToken).ConfigureAwait(false);
        if (lease is null || entry is not { State: BackupState.Running })
        {
            LogMessages.BackupFailureLeftToLeaseHolder(logger, failure.BackupId, failure.Error);
            return new BackupRunResult(BackupRunOutcome.Failed, message, entry);
        }

        LogMessages.BackupFailed(logger, failure.BackupId, failure.Error);
        var runs = Runs;
        var checkpoints = await AllPartsAsync(runs, failure.BackupId, cancellationToken).ConfigureAwait(false);
        failed = failed! with { RequestCharge = checkpoints.Sum(c => c.RequestCharge), Throttles = checkpoints.Sum(c => c.Throttles) };
        telemetry.RecordRun(failed);
        await BestEffortAsync(() => AbandonedRunCleaner.DeleteFolderAsync(storage.Archives, BackupLayout.Prefix(database, failure.BackupId), CancellationToken.None))
            .ConfigureAwait(false);
        // A run that failed is not resumed: only one that was stopped (killed, or cancelled by its caller) is.
        await BestEffortAsync(() => runs.DeleteAsync(failure.BackupId, CancellationToken.None)).ConfigureAwait(false);
        await BestEffortAsync(() => catalog.SaveAsync(failed, CancellationToken.None)).ConfigureAwait(false);
        return new BackupRunResult(BackupRunOutcome.Failed, message, failed);
    }

    private static BackupRunResult Committed(BackupCatalogEntry committed, int leftOutUsers, long leftOutItems) => leftOutUsers > 0
        ? new BackupRunResult(
            BackupRunOutcome.Committed,
            $"Backup {committed.BackupId} committed, without the {leftOutItems} items of {leftOutUsers} users whose key rows do not unwrap (see docs/operations/backup-and-restore.md#a-user-key-row-that-does-not-unwrap).",
            committed)
        : new BackupRunResult(BackupRunOutcome.Committed, $"Backup {committed.BackupId} committed.", committed);

    private Task<BackupLease> TakeLeaseAsync(string leaseId, CancellationToken cancellationToken) =>
        BackupLease.ResumeAsync(storage.Archives, database, options.LeaseDuration, time, leaseId, cancellationToken);

    /// <summary>The run's start record; gone when another run that held the lease tidied this run up.</summary>
    private async Task<BackupRunRecord> RecordAsync(BackupRunProgress runs, string backupId, CancellationToken cancellationToken) =>
        await runs.FindAsync(backupId, cancellationToken).ConfigureAwait(false)
        ?? throw new BackupLeaseLostException($"Backup {backupId} has no checkpoints any more: a run that held the lease since tidied it up, so it stopped.");

    private static async Task<IReadOnlyList<ContainerCheckpoint>> AllPartsAsync(BackupRunProgress runs, string backupId, CancellationToken cancellationToken)
    {
        var parts = new List<ContainerCheckpoint>();
        foreach (var definition in BotDataModel.Containers)
        {
            parts.AddRange(await runs.FindPartsAsync(backupId, definition.Name, cancellationToken).ConfigureAwait(false));
        }

        return parts;
    }

    /// <summary>
    /// Each container's part of the manifest. A full's change-feed end is the container's position now, after every
    /// container was read (no incremental starts there: the next one starts at the full's start).
    /// </summary>
    private async Task<List<ContainerManifest>> ManifestContainersAsync(
        string backupId, IReadOnlyList<ContainerCheckpoint> parts, bool full, FeedStatistics endStatistics, CancellationToken cancellationToken)
    {
        var containers = new List<ContainerManifest>();
        foreach (var definition in BotDataModel.Containers)
        {
            var containerParts = parts.Where(part => part.Container == definition.Name).ToList();
            if (containerParts.Count == 0 || containerParts.Any(part => !part.Done))
            {
                throw new InvalidOperationException($"Backup {backupId} is not read to the end yet: container {definition.Name}.");
            }

            var end = full
                ? await Feeds.AtFallbackBudget(definition.Name, endStatistics).CurrentPositionAsync(cancellationToken).ConfigureAwait(false)
                : containerParts[0].ChangeFeedEnd!;
            containers.Add(ContainerCheckpoint.ToManifest(containerParts, end));
        }

        return containers;
    }

    /// <summary>Writes the manifest, once: when a first attempt of this step wrote it already, that one stands.</summary>
    private async Task<BackupManifest> WriteManifestOnceAsync(BackupArchiveReader reader, BackupManifest manifest, KeyRing keyRing, CancellationToken cancellationToken)
    {
        try
        {
            await ArchiveWriter.WriteManifestAsync(storage.Archives, database, manifest.BackupId, ManifestCodec.Write(manifest, keyRing.Current), cancellationToken).ConfigureAwait(false);
            return manifest;
        }
        catch (RequestFailedException exception) when (exception.Status is 409)
        {
            return await reader.ReadManifestAsync(manifest.BackupId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task BestEffortAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next run's cleaner finishes what this could not.
        }
    }
}

using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Runs one backup of the bot's database, full or incremental: under the database's lease, resuming a run of the same
/// kind that was stopped part-way (<see cref="BackupRunStarter"/>) and tidying up other runs that died, container by
/// container with a checkpoint after every chunk, manifest last. The order is what makes invariant 2 hold: a backup
/// exists only once its authenticated manifest is written.
/// </summary>
public sealed class BackupRunner(
    BackupStorage storage,
    BackupCatalog catalog,
    BackupCosmosClient cosmos,
    IOptions<CosmosOptions> cosmosOptions,
    IOptions<BackupOptions> backupOptions,
    KeyRingProvider keyRings,
    UserKeyStore userKeyStore,
    BackupTelemetry telemetry,
    TimeProvider time,
    ILogger<BackupRunner> logger)
{
    private readonly BackupOptions options = backupOptions.Value;
    private readonly string database = cosmosOptions.Value.DatabaseName;

    /// <summary>One backup now; skipped at once when another run holds the lease (the timers: the next occurrence runs).</summary>
    public Task<BackupRunResult> RunAsync(BackupKind kind, IProgress<BackupProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(kind, progress, waitForLease: null, cancellationToken);

    /// <summary>One backup now.</summary>
    /// <param name="waitForLease">
    /// Null: when another run holds the lease, return <see cref="BackupRunOutcome.LeaseHeld"/> at once. Else wait for it,
    /// at most a lease duration plus a margin (within which a dead run's lease lapses), saying so through this once.
    /// </param>
    public async Task<BackupRunResult> RunAsync(
        BackupKind kind, IProgress<BackupProgress>? progress, Action<BackupLeaseWait>? waitForLease, CancellationToken cancellationToken)
    {
        // No key, no backup: fail before touching anything.
        var keyRing = await keyRings.GetAsync(cancellationToken).ConfigureAwait(false);
        await storage.Archives.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await catalog.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var acquisition = new BackupLeaseAcquisition(storage.Archives, catalog, database, options.LeaseDuration, time);
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
            return new BackupRunResult(BackupRunOutcome.LeaseHeld, holder.Message, null);
        }

        // Everything the run does stops when its lease is lost: from then on another run may be tidying up its files.
        using var underLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            return await RunUnderLeaseAsync(kind, keyRing, lease, progress, underLease.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Lost while tidying up or looking for the parent, before the run recorded itself: nothing of its own to fail.
            var lost = BackupLeaseLostException.For(database, lease, exception);
            LogMessages.BackupLeaseLostBeforeStart(logger, database, lost);
            return new BackupRunResult(BackupRunOutcome.Failed, $"Backup of database '{database}' did not start: {lost.Message}", null);
        }
    }

    /// <param name="cancellationToken">The caller's token and the lease's <see cref="BackupLease.Lost"/>.</param>
    /// <param name="callerToken">The caller's alone: for what is right to finish after the lease is lost.</param>
    private async Task<BackupRunResult> RunUnderLeaseAsync(
        BackupKind kind, KeyRing keyRing, BackupLease lease, IProgress<BackupProgress>? progress, CancellationToken cancellationToken, CancellationToken callerToken)
    {
        var reader = new BackupArchiveReader(storage.Archives, keyRing, database);
        var cleaner = new AbandonedRunCleaner(storage.Archives, catalog, reader, time);
        var runs = new BackupRunProgress(storage.Runs);
        var (run, abandonedRuns) = await new BackupRunStarter(catalog, runs, reader, cleaner, time).StartAsync(kind, keyRing, cancellationToken).ConfigureAwait(false);
        foreach (var abandoned in abandonedRuns)
        {
            LogMessages.AbandonedBackupRemoved(logger, abandoned);
        }

        if (run is null)
        {
            return new BackupRunResult(BackupRunOutcome.Skipped, $"No full backup of database '{database}' to build an incremental on yet.", null);
        }

        var backupId = run.BackupId;
        var running = run.Running;
        if (run.Resumed)
        {
            LogMessages.BackupResuming(logger, backupId, database, run.StartedAt);
        }
        else
        {
            LogMessages.BackupStarting(logger, backupId, database);
        }

        var statistics = new FeedStatistics();
        try
        {
            var (manifest, leftOut) = await WriteBackupAsync(keyRing, lease, run, runs, statistics, progress, cancellationToken).ConfigureAwait(false);
            // The manifest is written: the backup exists, lease or not, so recording it is not stopped by losing the lease.
            var committed = BackupCatalogEntries.Committed(database, manifest, running with { RequestCharge = statistics.RequestCharge, Throttles = statistics.Throttles });
            await catalog.SaveAsync(committed, callerToken).ConfigureAwait(false);
            await BestEffortAsync(() => runs.DeleteAsync(backupId, CancellationToken.None)).ConfigureAwait(false);
            telemetry.RecordRun(committed);
            LogMessages.BackupCommitted(logger, backupId, committed.ItemCount, committed.StoredBytes, statistics.RequestCharge, statistics.Throttles);
            if (leftOut.Users > 0)
            {
                LogMessages.BackupUserKeysUnreadable(logger, backupId, leftOut.Users, leftOut.Items);
                return new BackupRunResult(
                    BackupRunOutcome.Committed,
                    $"Backup {backupId} committed, without the {leftOut.Items} items of {leftOut.Users} users whose key rows do not unwrap (see docs/operations/backup-and-restore.md#a-user-key-row-that-does-not-unwrap).",
                    committed);
            }

            return new BackupRunResult(BackupRunOutcome.Committed, $"Backup {backupId} committed.", committed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !callerToken.IsCancellationRequested)
        {
            var cause = lease.Lost.IsCancellationRequested ? BackupLeaseLostException.For(database, lease, exception) : exception;
            LogMessages.BackupFailed(logger, backupId, cause);
            var failed = running with
            {
                State = BackupState.Failed,
                CompletedAt = time.GetUtcNow(),
                RequestCharge = statistics.RequestCharge,
                Throttles = statistics.Throttles,
                Error = $"{cause.GetType().Name}: {FirstLine(cause.Message)}",
            };
            telemetry.RecordRun(failed);
            // Its own folder only, which no other run writes, so this is safe without the lease; the cleaner, which
            // tidies up other runs' folders, runs only under a lease held.
            await BestEffortAsync(() => cleaner.DeleteFolderAsync(BackupLayout.Prefix(database, backupId), CancellationToken.None)).ConfigureAwait(false);
            // A run that failed is not resumed: only one that was stopped (killed, or cancelled by its caller) is.
            await BestEffortAsync(() => runs.DeleteAsync(backupId, CancellationToken.None)).ConfigureAwait(false);
            await BestEffortAsync(() => catalog.SaveAsync(failed, CancellationToken.None)).ConfigureAwait(false);
            return new BackupRunResult(BackupRunOutcome.Failed, $"Backup {backupId} failed: {failed.Error}", failed);
        }
    }

    private async Task<(BackupManifest Manifest, (int Users, long Items) LeftOut)> WriteBackupAsync(
        KeyRing keyRing, BackupLease lease, StartedRun run, BackupRunProgress runs, FeedStatistics statistics, IProgress<BackupProgress>? progress,
        CancellationToken cancellationToken)
    {
        var (backupId, parent) = (run.BackupId, run.Parent);
        var userKeys = await RunUserKeys.LoadAsync(userKeyStore, cancellationToken).ConfigureAwait(false);
        var writer = new ArchiveWriter(storage.Archives, database, backupId, run.DataKey, userKeys);
        var containers = new List<ContainerManifest>();
        long leftOutItems = 0;
        foreach (var definition in BotDataModel.Containers)
        {
            var container = cosmos.Client.GetContainer(database, definition.Name);
            var budget = new RequestUnitBudget(await BudgetForAsync(container, cancellationToken).ConfigureAwait(false), time);
            var feed = new ContainerFeed(container, budget, statistics, options.PageSize, time);
            var checkpoint = await runs.FindAsync(backupId, definition.Name, cancellationToken).ConfigureAwait(false);
            if (checkpoint is { Done: true })
            {
                containers.Add(checkpoint.ToManifest());
                leftOutItems += checkpoint.LeftOutItems;
                continue;
            }

            var backup = new ContainerBackup(
                definition.Name, writer, options.ChunkBytes, userKeys.Unreadable, checkpoint,
                (state, saved, token) => runs.SaveAsync(backupId, state, saved, token), progress);
            if (parent is null)
            {
                // Position first, then read: the next incremental starts here, so changes made during the scan are caught again.
                var start = checkpoint?.ChangeFeedStart ?? await feed.CurrentPositionAsync(cancellationToken).ConfigureAwait(false);
                containers.Add(await backup.RunAsync(
                    feed.ReadAllAsync(cancellationToken, checkpoint?.Continuation), start, _ => feed.CurrentPositionAsync(cancellationToken), cancellationToken)
                    .ConfigureAwait(false));
            }
            else
            {
                var start = ResumePosition(parent, definition.Name);
                containers.Add(await backup.RunAsync(
                    feed.ReadChangesAsync(checkpoint?.Continuation ?? start, cancellationToken), start, last => Task.FromResult(last ?? start), cancellationToken)
                    .ConfigureAwait(false));
            }

            leftOutItems += backup.LeftOutItems;
        }

        var manifest = new BackupManifest
        {
            BackupId = backupId,
            Kind = parent is null ? BackupKind.Full : BackupKind.Incremental,
            BaseBackupId = parent?.BaseBackupId ?? parent?.BackupId,
            ParentBackupId = parent?.BackupId,
            SourceAccount = cosmosOptions.Value.GetEndpointUri().Host,
            SourceDatabase = database,
            StartedAt = run.StartedAt,
            CompletedAt = time.GetUtcNow(),
            Encryption = run.Encryption,
            Containers = containers,
        };
        // Above all, no manifest without the lease: a lease broken or taken since the last renewal is found here.
        await lease.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        await writer.WriteManifestAsync(ManifestCodec.Write(manifest, keyRing.Current), cancellationToken).ConfigureAwait(false);
        return (manifest, (userKeys.Unreadable.Count, leftOutItems));
    }

    /// <summary>A full backup's successor reads from where the full started; an incremental's from where it ended.</summary>
    private static string ResumePosition(BackupManifest parent, string container)
    {
        var part = parent.Containers.SingleOrDefault(candidate => candidate.Name == container)
            ?? throw new BackupIntegrityException(parent.BackupId, $"it has no part for container {container}");
        return parent.Kind == BackupKind.Full ? part.ChangeFeedStart : part.ChangeFeedEnd;
    }

    private async Task<double> BudgetForAsync(Container container, CancellationToken cancellationToken)
    {
        try
        {
            var throughput = await container.ReadThroughputAsync(new RequestOptions(), cancellationToken).ConfigureAwait(false);
            var provisioned = throughput.Resource?.AutoscaleMaxThroughput ?? throughput.Resource?.Throughput;
            if (provisioned is > 0)
            {
                return provisioned.Value * options.ThroughputShare;
            }
        }
        catch (CosmosException)
        {
            // Serverless, database-level throughput or an emulator without offers: use the configured fallback.
        }

        return options.FallbackRequestUnitsPerSecond;
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

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

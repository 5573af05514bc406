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
/// Runs one backup of the bot's database, full or incremental: under the database's lease, after tidying up
/// runs that died, container by container, manifest last. The order is what makes invariant 2 hold: a backup
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

    public async Task<BackupRunResult> RunAsync(BackupKind kind, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        // No key, no backup: fail before touching anything.
        var keyRing = await keyRings.GetAsync(cancellationToken).ConfigureAwait(false);
        await storage.Archives.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await catalog.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        await using var lease = await BackupLease.TryAcquireAsync(storage.Archives, database, options.LeaseDuration, time, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogMessages.BackupSkippedLeaseHeld(logger, database);
            return new BackupRunResult(BackupRunOutcome.Skipped, $"Another backup of database '{database}' is running.", null);
        }

        var reader = new BackupArchiveReader(storage.Archives, keyRing, database);
        var cleaner = new AbandonedRunCleaner(storage.Archives, catalog, reader, time);
        foreach (var abandoned in await cleaner.CleanAsync(cancellationToken).ConfigureAwait(false))
        {
            LogMessages.AbandonedBackupRemoved(logger, abandoned);
        }

        BackupManifest? parent = null;
        if (kind == BackupKind.Incremental)
        {
            parent = await FindParentAsync(reader, cancellationToken).ConfigureAwait(false);
            if (parent is null)
            {
                return new BackupRunResult(BackupRunOutcome.Skipped, $"No full backup of database '{database}' to build an incremental on yet.", null);
            }
        }

        var startedAt = time.GetUtcNow();
        var backupId = BackupId.New(kind, startedAt).Value;
        var running = BackupCatalogEntries.Running(database, backupId, parent?.BaseBackupId ?? parent?.BackupId, parent?.BackupId, startedAt);
        await catalog.AddAsync(running, cancellationToken).ConfigureAwait(false);
        LogMessages.BackupStarting(logger, backupId, database);

        var statistics = new FeedStatistics();
        try
        {
            var (manifest, leftOut) = await WriteBackupAsync(keyRing, backupId, parent, startedAt, statistics, progress, cancellationToken).ConfigureAwait(false);
            var committed = BackupCatalogEntries.Committed(database, manifest, running with { RequestCharge = statistics.RequestCharge, Throttles = statistics.Throttles });
            await catalog.SaveAsync(committed, cancellationToken).ConfigureAwait(false);
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
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMessages.BackupFailed(logger, backupId, exception);
            var failed = running with
            {
                State = BackupState.Failed,
                CompletedAt = time.GetUtcNow(),
                RequestCharge = statistics.RequestCharge,
                Throttles = statistics.Throttles,
                Error = $"{exception.GetType().Name}: {FirstLine(exception.Message)}",
            };
            telemetry.RecordRun(failed);
            await BestEffortAsync(() => cleaner.DeleteFolderAsync(BackupLayout.Prefix(database, backupId), CancellationToken.None)).ConfigureAwait(false);
            await BestEffortAsync(() => catalog.SaveAsync(failed, CancellationToken.None)).ConfigureAwait(false);
            return new BackupRunResult(BackupRunOutcome.Failed, $"Backup {backupId} failed: {failed.Error}", failed);
        }
    }

    private async Task<(BackupManifest Manifest, (int Users, long Items) LeftOut)> WriteBackupAsync(
        KeyRing keyRing, string backupId, BackupManifest? parent, DateTimeOffset startedAt, FeedStatistics statistics,
        IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var dataKey = KeyWrapping.NewDataKey();
        var userKeys = await RunUserKeys.LoadAsync(userKeyStore, cancellationToken).ConfigureAwait(false);
        var writer = new ArchiveWriter(storage.Archives, database, backupId, dataKey, userKeys);
        var containers = new List<ContainerManifest>();
        long leftOutItems = 0;
        foreach (var definition in BotDataModel.Containers)
        {
            var container = cosmos.Client.GetContainer(database, definition.Name);
            var budget = new RequestUnitBudget(await BudgetForAsync(container, cancellationToken).ConfigureAwait(false), time);
            var feed = new ContainerFeed(container, budget, statistics, options.PageSize, time);
            var backup = new ContainerBackup(definition.Name, writer, options.ChunkBytes, userKeys.Unreadable, progress);
            if (parent is null)
            {
                // Position first, then read: the next incremental starts here, so changes made during the scan are caught again.
                var start = await feed.CurrentPositionAsync(cancellationToken).ConfigureAwait(false);
                containers.Add(await backup.RunAsync(
                    feed.ReadAllAsync(cancellationToken), start, _ => feed.CurrentPositionAsync(cancellationToken), cancellationToken).ConfigureAwait(false));
            }
            else
            {
                var start = ResumePosition(parent, definition.Name);
                containers.Add(await backup.RunAsync(
                    feed.ReadChangesAsync(start, cancellationToken), start, last => Task.FromResult(last ?? start), cancellationToken).ConfigureAwait(false));
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
            StartedAt = startedAt,
            CompletedAt = time.GetUtcNow(),
            Encryption = BackupArchiveReader.SealDataKey(keyRing, dataKey),
            Containers = containers,
        };
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

    /// <summary>The newest usable backup of the newest full backup's chain.</summary>
    private async Task<BackupManifest?> FindParentAsync(BackupArchiveReader reader, CancellationToken cancellationToken)
    {
        var usable = (await catalog.ListAsync(database, cancellationToken).ConfigureAwait(false)).Where(entry => entry.IsUsable).ToList();
        var newestFull = usable.LastOrDefault(entry => entry.Kind == BackupKind.Full);
        if (newestFull is null)
        {
            return null;
        }

        var newest = usable.Last(entry => entry.BackupId == newestFull.BackupId || entry.BaseBackupId == newestFull.BackupId);
        return await reader.ReadManifestAsync(newest.BackupId, cancellationToken).ConfigureAwait(false);
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

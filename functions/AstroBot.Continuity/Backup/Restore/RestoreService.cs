using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// The restore's three activities: plan (choose the backups, check them whole and readable, refuse to overwrite),
/// restore one chunk (idempotent, recorded, so a rerun resumes), complete. The Durable orchestration
/// (<see cref="RestoreOrchestrator"/>) and <see cref="RunToCompletionAsync"/> both drive these.
/// </summary>
public sealed class RestoreService(
    BackupArchives archives,
    BackupCatalog catalog,
    BackupStorage storage,
    CosmosClient cosmos,
    IRestoreTargetProvisioner targets,
    UserKeyStore userKeyStore,
    ErasureJournal erasures,
    TimeProvider time,
    ILogger<RestoreService> logger)
{
    private readonly ConcurrentDictionary<string, (BackupManifest Manifest, byte[] DataKey)> opened = new(StringComparer.Ordinal);
    private RestoreProgress Progress => new(storage.Restores);

    /// <exception cref="RestoreRefusedException">Nothing to restore, a backup that is not whole or readable, or a target that would be overwritten.</exception>
    public async Task<RestorePlan> PlanAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = archives.Database;
        var containers = ChooseContainers(request.Containers);
        var chain = await ResolveChainAsync(request, cancellationToken).ConfigureAwait(false);
        var reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var erased = await erasures.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (request.WaId is { } waId && erased.TryGetValue(UserReferences.For(waId), out var erasure) && erasure.ErasedAfter(chain[^1].StartedAt))
        {
            throw new RestoreRefusedException("That user was erased after these backups were taken; what they had then is never restored.");
        }

        var userKeys = await RunUserKeys.LoadAsync(userKeyStore, cancellationToken).ConfigureAwait(false);
        var onlyUser = request.WaId is null ? null : UserReferences.For(request.WaId);
        var unopenable = new UnopenableBlocks();
        var steps = new List<RestoreStep>();
        foreach (var entry in chain)
        {
            var (manifest, dataKey) = await OpenBackupAsync(reader, entry.BackupId, cancellationToken).ConfigureAwait(false);
            var keys = new BlockKeys(manifest.BackupId, manifest.StartedAt, dataKey, reader.KeyRing, userKeys, erased);
            foreach (var part in manifest.Containers.Where(part => containers.Contains(part.Name)))
            {
                foreach (var chunk in part.Chunks)
                {
                    // Every chunk is checked before anything is written: a damaged backup, or one whose users' keys
                    // are gone without an erasure to account for it, is refused whole.
                    var blocks = await ReadChunkAsync(reader, manifest, chunk, dataKey, cancellationToken).ConfigureAwait(false);
                    await unopenable.CountAsync(keys, chunk.Name, blocks.Where(block => onlyUser is null || block.UserReference == onlyUser), cancellationToken).ConfigureAwait(false);
                    steps.Add(new RestoreStep(manifest.BackupId, part.Name, chunk.Name, chunk.ItemCount));
                }
            }
        }

        if (unopenable.Items > 0)
        {
            throw new RestoreRefusedException(
                $"{UnopenableUsers.Describe(unopenable.Users.Count, unopenable.Items)}. Nothing was written. " +
                "See docs/operations/backup-and-restore.md#when-user-keys-are-missing.");
        }

        var restoreId = request.RestoreId ?? NewRestoreId();
        // A resumed restore goes on into the database it started; resuming into another would skip the steps done there.
        var earlierTarget = request.RestoreId is null ? null : await Progress.FindTargetAsync(restoreId, cancellationToken).ConfigureAwait(false);
        var target = request.TargetDatabase ?? earlierTarget
            ?? $"{source}-restore-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        if (earlierTarget is not null && earlierTarget != target)
        {
            throw new RestoreRefusedException($"Restore {restoreId} was started into database '{earlierTarget}'; resume it there, or start a new restore.");
        }

        await CheckTargetAsync(restoreId, source, target, containers, request, cancellationToken).ConfigureAwait(false);

        var plan = new RestorePlan
        {
            RestoreId = restoreId,
            SourceDatabase = source,
            TargetDatabase = target,
            WaId = request.WaId,
            BackupIds = [.. chain.Select(entry => entry.BackupId)],
            ConsistentAt = chain[^1].CompletedAt!.Value,
            Steps = steps,
        };
        try
        {
            await targets.EnsureCreatedAsync(target, containers, cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreTargetException exception)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }

        await Progress.StartAsync(plan, cancellationToken).ConfigureAwait(false);
        LogMessages.RestoreStarting(logger, restoreId, chain[^1].BackupId, target);
        return plan;
    }

    /// <summary>Restores one chunk, unless an earlier attempt of this restore already did.</summary>
    public async Task<RestoreStepResult> RestoreStepAsync(RestorePlan plan, RestoreStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(step);
        var progress = Progress;
        if (await progress.IsDoneAsync(plan.RestoreId, step, cancellationToken).ConfigureAwait(false))
        {
            return new RestoreStepResult(step.Container, 0, 0, 0, AlreadyDone: true);
        }

        var reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (manifest, dataKey) = await OpenBackupAsync(reader, step.BackupId, cancellationToken).ConfigureAwait(false);
        var chunk = manifest.Containers.Single(part => part.Name == step.Container).Chunks.Single(candidate => candidate.Name == step.ChunkName);
        var blocks = await ReadChunkAsync(reader, manifest, chunk, dataKey, cancellationToken).ConfigureAwait(false);
        var erased = await erasures.LoadAsync(cancellationToken).ConfigureAwait(false);
        var onlyUser = plan.WaId is null ? null : UserReferences.For(plan.WaId);
        var userKeys = await RunUserKeys.LoadAsync(userKeyStore, cancellationToken).ConfigureAwait(false);
        var keys = new BlockKeys(step.BackupId, manifest.StartedAt, dataKey, reader.KeyRing, userKeys, erased);
        var contents = await ChunkItems.OpenAsync(step.ChunkName, blocks, keys, reference => onlyUser is null || reference == onlyUser, cancellationToken).ConfigureAwait(false);
        if (contents.LostItems > 0)
        {
            // Keys lost since the plan checked them: nothing of this step is written, and a rerun resumes here.
            throw new RestoreRefusedException($"Chunk {step.ChunkName} of backup {step.BackupId}: {UnopenableUsers.Describe(contents.LostUsers.Count, contents.LostItems)}.");
        }

        await new RestoreTarget(cosmos, plan.TargetDatabase).WriteAsync(step.Container, contents.Items, cancellationToken).ConfigureAwait(false);
        var result = new RestoreStepResult(
            step.Container, contents.Items.Count, contents.ShreddedItems, contents.SkippedItems, AlreadyDone: false, RecoveredItems: contents.RecoveredItems);
        await progress.MarkDoneAsync(plan.RestoreId, step, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public RestoreOutcome Complete(RestorePlan plan, IReadOnlyList<RestoreStepResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var outcome = new RestoreOutcome(
            plan.RestoreId, plan.TargetDatabase, plan.BackupIds, plan.ConsistentAt,
            results.Sum(result => result.ItemsWritten),
            results.Sum(result => result.ShreddedItems),
            results.Sum(result => result.RecoveredItems),
            results.GroupBy(result => result.Container, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Sum(result => result.ShreddedItems + result.LeftOutItems), StringComparer.Ordinal));
        if (outcome.RecoveredItems > 0)
        {
            LogMessages.RestoreUsedKeyCopies(logger, plan.RestoreId, outcome.RecoveredItems);
        }

        LogMessages.RestoreCompleted(logger, plan.RestoreId, outcome.ItemsWritten, outcome.ShreddedItems);
        return outcome;
    }

    /// <summary>The whole restore in this process, step after step (the CLI and the restore test); resumable like the orchestration.</summary>
    public async Task<RestoreOutcome> RunToCompletionAsync(RestoreRequest request, IProgress<RestoreStepProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var results = new List<RestoreStepResult>();
        foreach (var step in plan.Steps)
        {
            results.Add(await RestoreStepAsync(plan, step, cancellationToken).ConfigureAwait(false));
            progress?.Report(new RestoreStepProgress(plan, results.Count, results.Sum(result => result.ItemsWritten)));
        }

        return Complete(plan, results);
    }

    private static HashSet<string> ChooseContainers(IReadOnlyList<string> requested)
    {
        var known = BotDataModel.Containers.Select(container => container.Name).ToList();
        if (requested.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new RestoreRefusedException($"'{unknown}' is not a container of the bot's data; the containers are {string.Join(", ", known)}.");
        }

        return new HashSet<string>(requested.Count == 0 ? known : requested, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<BackupCatalogEntry>> ResolveChainAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<BackupCatalogEntry> chain;
        try
        {
            chain = BackupChain.Resolve(entries, request.BackupId is null or "latest" ? null : request.BackupId, request.At);
        }
        catch (ArgumentException exception)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }

        return chain.Count > 0
            ? chain
            : throw new RestoreRefusedException(request.At is { } at
                ? $"No committed full backup of database '{archives.Database}' was completed by {at:O}."
                : $"Database '{archives.Database}' has no committed backup yet.");
    }

    private async Task CheckTargetAsync(string restoreId, string source, string target, IReadOnlySet<string> containers, RestoreRequest request, CancellationToken cancellationToken)
    {
        if (request.Force)
        {
            return;
        }

        if (target == source)
        {
            throw new RestoreRefusedException($"Restoring into the live database '{source}' overwrites live data; add --force to do it on purpose.");
        }

        if (await Progress.FindTargetAsync(restoreId, cancellationToken).ConfigureAwait(false) == target)
        {
            return; // Resuming: the items there are this restore's own.
        }

        var nonEmpty = await new RestoreTarget(cosmos, target).NonEmptyContainersAsync(containers, request.WaId, cancellationToken).ConfigureAwait(false);
        if (nonEmpty.Count > 0)
        {
            throw new RestoreRefusedException(
                $"Database '{target}' already holds items in {string.Join(", ", nonEmpty)}{(request.WaId is null ? string.Empty : " for that user")}; restore elsewhere or add --force to overwrite.");
        }
    }

    private async Task<BackupArchiveReader> OpenReaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await archives.OpenAsync(fromSecondary: false, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyRingException exception)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }
    }

    private async Task<(BackupManifest Manifest, byte[] DataKey)> OpenBackupAsync(BackupArchiveReader reader, string backupId, CancellationToken cancellationToken)
    {
        if (opened.TryGetValue(backupId, out var known))
        {
            return known;
        }

        try
        {
            var manifest = await reader.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
            return opened.GetOrAdd(backupId, (manifest, reader.OpenDataKey(manifest)));
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }
    }

    private static async Task<IReadOnlyList<UserBlock>> ReadChunkAsync(
        BackupArchiveReader reader, BackupManifest manifest, ChunkManifest chunk, byte[] dataKey, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadChunkAsync(manifest, chunk, dataKey, cancellationToken).ConfigureAwait(false);
        }
        catch (BackupIntegrityException exception)
        {
            throw new RestoreRefusedException(exception.Message + " The restore is refused.", exception);
        }
    }

    private string NewRestoreId() =>
        $"restore-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}

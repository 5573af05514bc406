using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Crypto;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// The restore's activities, each bounded by one chunk at most and recorded in the restore's progress, so a restore
/// of any size runs as many short steps and resumes where it stopped: plan (from manifests), check each chunk (whole,
/// authentic, every block openable), begin writing (refuse if any check failed, create the target), restore each
/// chunk (idempotent), complete. The Durable orchestration (<see cref="RestoreOrchestrator"/>) and
/// <see cref="RunToCompletionAsync"/> both drive these.
/// </summary>
public sealed class RestoreService(
    BackupArchives archives,
    BackupCatalog catalog,
    BackupStorage storage,
    CosmosClient cosmos,
    IRestoreTargetProvisioner targets,
    UserKeyStore userKeyStore,
    ErasureJournal erasures,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<RestoreService> logger)
{
    private RestoreProgress Progress => new(storage.Restores);

    private RestoreChunks Chunks => new(archives, userKeyStore, erasures);

    /// <summary>Plans the restore (or finds the one planned under <see cref="RestoreRequest.RestoreId"/>) without reading a chunk.</summary>
    /// <exception cref="RestoreRefusedException">Nothing to restore, a manifest that does not authenticate, or a target that would be overwritten.</exception>
    public async Task<RestoreStart> PlanAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var record = await new RestorePlanner(archives, catalog, cosmos, erasures, Progress, options.Value, time)
            .PlanAsync(request, cancellationToken).ConfigureAwait(false);
        LogMessages.RestoreStarting(logger, record.Start.RestoreId, record.Start.BackupIds[^1], record.Start.TargetDatabase);
        return record.Start;
    }

    /// <summary>Checks one chunk before anything is written: it downloads whole and authentic, and a key opens each of its blocks.</summary>
    /// <exception cref="RestoreRefusedException">The chunk is damaged or missing.</exception>
    public async Task<RestoreStepCheck> CheckStepAsync(RestoreStepRef step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var progress = Progress;
        var record = await progress.GetAsync(step.RestoreId, cancellationToken).ConfigureAwait(false);
        var definition = (await progress.StepAsync(step, cancellationToken).ConfigureAwait(false)).Step;
        using var chunk = await Chunks.OpenAsync(definition, record.OnlyUserReference, cancellationToken).ConfigureAwait(false);
        var unopenable = new UnopenableBlocks();
        await unopenable.CountAsync(chunk, cancellationToken).ConfigureAwait(false);
        await progress.RecordCheckAsync(step, unopenable.Items, unopenable.Users, cancellationToken).ConfigureAwait(false);
        return new RestoreStepCheck(unopenable.Items);
    }

    /// <summary>Once every chunk is checked: refuses the restore if any block cannot be opened, else creates the target.</summary>
    /// <exception cref="RestoreRefusedException">Blocks no key opens, or the target cannot be created.</exception>
    public async Task BeginWritesAsync(string restoreId, CancellationToken cancellationToken)
    {
        var progress = Progress;
        var record = await progress.GetAsync(restoreId, cancellationToken).ConfigureAwait(false);
        var rows = await progress.StepsAsync(restoreId, cancellationToken).ConfigureAwait(false);
        if (rows.Any(row => !row.Checked))
        {
            throw new InvalidOperationException($"Restore {restoreId}: {rows.Count(row => !row.Checked)} chunks are not checked yet; every chunk is checked before anything is written.");
        }

        var lostItems = rows.Sum(row => row.LostItems);
        if (lostItems > 0)
        {
            var lostUsers = rows.SelectMany(row => row.LostUsers).Distinct(StringComparer.Ordinal).Count();
            throw new RestoreRefusedException(
                $"{UnopenableUsers.Describe(lostUsers, lostItems)}. Nothing was written. See docs/operations/backup-and-restore.md#when-user-keys-are-missing.");
        }

        try
        {
            await targets.EnsureCreatedAsync(record.Start.TargetDatabase, record.Containers, cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreTargetException exception)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }
    }

    /// <summary>Restores one chunk, unless an earlier attempt of this restore already did.</summary>
    public async Task<RestoreStepResult> RestoreStepAsync(RestoreStepRef step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var progress = Progress;
        var row = await progress.StepAsync(step, cancellationToken).ConfigureAwait(false);
        if (row.Result is { } done)
        {
            return done with { AlreadyDone = true };
        }

        var record = await progress.GetAsync(step.RestoreId, cancellationToken).ConfigureAwait(false);
        var definition = row.Step;
        using var chunk = await Chunks.OpenAsync(definition, record.OnlyUserReference, cancellationToken).ConfigureAwait(false);
        var keys = await chunk.KeysAsync(chunk.Restored, cancellationToken).ConfigureAwait(false);
        var contents = await ChunkItems.OpenAsync(definition.ChunkName, chunk.Blocks, keys, chunk.Restores, cancellationToken).ConfigureAwait(false);
        if (contents.LostItems > 0)
        {
            // Keys lost since the check: nothing of this step is written, and a rerun resumes here.
            throw new RestoreRefusedException(
                $"Chunk {definition.ChunkName} of backup {definition.BackupId}: {UnopenableUsers.Describe(contents.LostUsers.Count, contents.LostItems)}.");
        }

        await new RestoreTarget(cosmos, record.Start.TargetDatabase).WriteAsync(definition.Container, contents.Items, cancellationToken).ConfigureAwait(false);
        var result = new RestoreStepResult(
            definition.Container, contents.Items.Count, contents.ShreddedItems, contents.SkippedItems, AlreadyDone: false, RecoveredItems: contents.RecoveredItems);
        await progress.MarkDoneAsync(step, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Sums what every step wrote, from the restore's progress.</summary>
    /// <exception cref="InvalidOperationException">A step is not done.</exception>
    public async Task<RestoreOutcome> CompleteAsync(string restoreId, CancellationToken cancellationToken)
    {
        var progress = Progress;
        var start = (await progress.GetAsync(restoreId, cancellationToken).ConfigureAwait(false)).Start;
        var rows = await progress.StepsAsync(restoreId, cancellationToken).ConfigureAwait(false);
        var results = rows.Select(row => row.Result ?? throw new InvalidOperationException($"Restore {restoreId}: chunk {row.Step.ChunkName} of backup {row.Step.BackupId} is not restored yet.")).ToList();
        var outcome = new RestoreOutcome(
            start.RestoreId, start.TargetDatabase, start.BackupIds, start.ConsistentAt,
            results.Sum(result => result.ItemsWritten),
            results.Sum(result => result.ShreddedItems),
            results.Sum(result => result.RecoveredItems),
            results.GroupBy(result => result.Container, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Sum(result => result.ShreddedItems + result.LeftOutItems), StringComparer.Ordinal));
        if (outcome.RecoveredItems > 0)
        {
            LogMessages.RestoreUsedKeyCopies(logger, restoreId, outcome.RecoveredItems);
        }

        LogMessages.RestoreCompleted(logger, restoreId, outcome.ItemsWritten, outcome.ShreddedItems);
        return outcome;
    }

    /// <summary>The whole restore in this process, step after step (the CLI and the restore test); resumable like the orchestration.</summary>
    public async Task<RestoreOutcome> RunToCompletionAsync(RestoreRequest request, IProgress<RestoreStepProgress>? progress, CancellationToken cancellationToken)
    {
        var start = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var steps = Enumerable.Range(0, start.StepCount).Select(index => new RestoreStepRef(start.RestoreId, index)).ToList();
        foreach (var step in steps)
        {
            await CheckStepAsync(step, cancellationToken).ConfigureAwait(false);
        }

        await BeginWritesAsync(start.RestoreId, cancellationToken).ConfigureAwait(false);
        var done = 0;
        long written = 0;
        foreach (var step in steps)
        {
            written += (await RestoreStepAsync(step, cancellationToken).ConfigureAwait(false)).ItemsWritten;
            progress?.Report(new RestoreStepProgress(start, ++done, written));
        }

        return await CompleteAsync(start.RestoreId, cancellationToken).ConfigureAwait(false);
    }
}

using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Retention;

/// <summary>
/// Applies <see cref="RetentionPolicy"/> to the database's backups: deletes the files of every backup it prunes and
/// marks the entry pruned (the row stays, for the record). It holds the database's backup lease while it deletes, so it
/// never races a run; a backup whose blobs are still immutable is skipped and tried again at a later run.
/// </summary>
public sealed class BackupPruner(
    BackupStorage storage,
    BackupCatalog catalog,
    IOptions<BackupOptions> options,
    IOptions<CosmosOptions> cosmosOptions,
    TimeProvider time,
    ILogger<BackupPruner> logger)
{
    /// <summary>The catalog note on a backup retention pruned in vain: its blobs are still immutable.</summary>
    public const string StillImmutable = "kept: blobs still immutable";

    /// <summary>The catalog note on a backup whose manifest retention deleted, while (or because) some files remain.</summary>
    public const string PartlyPruned = "pruning: manifest removed, remaining files go at the next prune";

    private readonly string database = cosmosOptions.Value.DatabaseName;

    /// <param name="dryRun">Plan and report only: nothing is deleted or changed, and no lease is taken.</param>
    public async Task<PruneReport> PruneAsync(bool dryRun, CancellationToken ct)
    {
        var plan = await PlanAsync(ct).ConfigureAwait(false);
        if (dryRun || plan.Prune.Count == 0)
        {
            return Complete(dryRun, plan.Keep, dryRun ? plan.Prune : [], []);
        }

        await using var lease = await BackupLease.TryAcquireAsync(storage.Archives, database, options.Value.LeaseDuration, time, ct).ConfigureAwait(false);
        if (lease is null)
        {
            LogMessages.BackupPruneSkippedLeaseHeld(logger, database);
            return new PruneReport
            {
                DryRun = false,
                Message = $"A backup of database {database} is running (it holds the lease); nothing was pruned. Prune again once it has finished.",
            };
        }

        // Plan again under the lease: a run that finished in the meantime may have changed what is newest.
        plan = await PlanAsync(ct).ConfigureAwait(false);
        var pruned = new List<RetentionDecision>();
        var skipped = new List<RetentionDecision>();
        // Everything stops when the lease is lost: a backup run may hold it now, and a prune must not race one.
        using var underLease = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        try
        {
            // Newest first, so incrementals go before the base they build on, never the other way round.
            foreach (var decision in plan.Prune.Reverse())
            {
                // Renewed before each backup's deletions, so a lease broken between renewals stops the prune here.
                await lease.ConfirmAsync(underLease.Token).ConfigureAwait(false);
                (await TryPruneAsync(decision.Entry, underLease.Token).ConfigureAwait(false) ? pruned : skipped).Add(decision);
            }
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            LogMessages.BackupPruneStoppedLeaseLost(logger, database, lease.LostBecause ?? string.Empty, pruned.Count);
            return new PruneReport
            {
                DryRun = false,
                Pruned = Items(pruned),
                SkippedImmutable = Items(skipped),
                Message = $"Pruning stopped: the backup lease of database {database} was lost ({lease.LostBecause}) after {pruned.Count} backups were pruned. Prune again: it goes on where this stopped.",
            };
        }

        pruned.Reverse();
        skipped.Reverse();
        return Complete(dryRun: false, plan.Keep, pruned, skipped);
    }

    private async Task<RetentionPlan> PlanAsync(CancellationToken ct)
    {
        var entries = await catalog.ListAsync(database, ct).ConfigureAwait(false);
        return RetentionPolicy.Plan(entries, time.GetUtcNow(), options.Value);
    }

    /// <returns>False when the backup's blobs are still immutable and it stays.</returns>
    private async Task<bool> TryPruneAsync(BackupCatalogEntry entry, CancellationToken ct)
    {
        var current = entry;
        try
        {
            if (entry.IsUsable)
            {
                // The manifest goes first: written last, it is the last blob to leave immutability, so a still-immutable
                // backup stops here whole. Once it is gone the backup is not restorable, and the catalog must say so.
                await DeleteBlobAsync(BackupLayout.Manifest(database, entry.BackupId), ct).ConfigureAwait(false);
                current = entry with { State = BackupState.Failed, Error = PartlyPruned };
                await catalog.SaveAsync(current, ct).ConfigureAwait(false);
            }

            await DeleteFolderAsync(BackupLayout.Prefix(database, entry.BackupId), ct).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (IsImmutable(exception))
        {
            LogMessages.BackupPruneSkippedImmutable(logger, entry.BackupId);
            // A failed run keeps its own error, and a partly pruned backup says so already; both go at a later run.
            if (current.IsUsable)
            {
                await catalog.SaveAsync(current with { Error = StillImmutable }, ct).ConfigureAwait(false);
            }

            return false;
        }

        // A failed run keeps why it failed; a backup that was good needs no note.
        var error = entry.IsUsable || entry.Error == PartlyPruned ? null : entry.Error;
        await catalog.SaveAsync(current with { State = BackupState.Pruned, Error = error }, ct).ConfigureAwait(false);
        LogMessages.BackupPruned(logger, entry.BackupId);
        return true;
    }

    private async Task DeleteFolderAsync(string prefix, CancellationToken ct)
    {
        await foreach (var blob in storage.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct).ConfigureAwait(false))
        {
            await DeleteBlobAsync(blob.Name, ct).ConfigureAwait(false);
        }
    }

    private async Task DeleteBlobAsync(string name, CancellationToken ct) =>
        await storage.Archives.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct).ConfigureAwait(false);

    /// <summary>
    /// Azure answers a delete of a blob version under a time-based retention policy (or a legal hold) with
    /// 409 <c>BlobImmutableDueToPolicy</c> (<c>BlobImmutableDueToLegalHold</c>); both lapse, so the backup waits.
    /// </summary>
    private static bool IsImmutable(RequestFailedException exception) =>
        exception.Status == 409
        && exception.ErrorCode is "BlobImmutableDueToPolicy" or "BlobImmutableDueToLegalHold";

    private PruneReport Complete(bool dryRun, IReadOnlyList<RetentionDecision> kept, IReadOnlyList<RetentionDecision> pruned, IReadOnlyList<RetentionDecision> skipped)
    {
        LogMessages.BackupPruneCompleted(logger, database, dryRun, pruned.Count, skipped.Count, kept.Count);
        return new PruneReport { DryRun = dryRun, Kept = Items(kept), Pruned = Items(pruned), SkippedImmutable = Items(skipped) };
    }

    private static List<PruneReportItem> Items(IReadOnlyList<RetentionDecision> decisions) =>
        [.. decisions.Select(decision => new PruneReportItem(decision.Entry.BackupId, decision.Reason))];
}

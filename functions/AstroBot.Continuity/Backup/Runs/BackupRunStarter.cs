using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>A run about to write: new, or one killed part-way and resumed from its checkpoints.</summary>
/// <param name="Parent">The backup an incremental continues from; null for a full.</param>
/// <remarks>Its wrapped data key is in its start record (<see cref="BackupRunRecord"/>), which each slice opens.</remarks>
public sealed record StartedRun(string BackupId, DateTimeOffset StartedAt, BackupManifest? Parent, bool Resumed);

/// <summary>
/// Starts a run under the lease: resumes the newest run of the same kind that was stopped part-way (still Running in
/// the catalog, with checkpoints, and its lease now lapsed since this run holds it), else begins a new one and records
/// its start. Tidies up every other dead run.
/// </summary>
internal sealed class BackupRunStarter(BackupCatalog catalog, BackupRunProgress runs, BackupArchiveReader reader, AbandonedRunCleaner cleaner, TimeProvider time)
{
    /// <returns>The run, or null when an incremental has no full backup to build on.</returns>
    public async Task<(StartedRun? Run, IReadOnlyList<string> Abandoned)> StartAsync(BackupKind kind, KeyRing keyRing, CancellationToken cancellationToken)
    {
        var database = reader.Database;
        var stopped = (await catalog.ListAsync(database, cancellationToken).ConfigureAwait(false))
            .LastOrDefault(entry => entry.State == BackupState.Running && entry.Kind == kind);
        var record = stopped is null ? null : await runs.FindAsync(stopped.BackupId, cancellationToken).ConfigureAwait(false);
        var abandoned = await cleaner.CleanAsync(record is null ? null : stopped!.BackupId, cancellationToken).ConfigureAwait(false);
        foreach (var abandonedId in abandoned)
        {
            await runs.DeleteAsync(abandonedId, cancellationToken).ConfigureAwait(false); // never resumed now
        }
        if (record is not null)
        {
            var parent = record.ParentBackupId is { } parentId ? await reader.ReadManifestAsync(parentId, cancellationToken).ConfigureAwait(false) : null;
            return (new StartedRun(record.BackupId, record.StartedAt, parent, Resumed: true), abandoned);
        }

        BackupManifest? newParent = null;
        if (kind == BackupKind.Incremental)
        {
            newParent = await FindParentAsync(cancellationToken).ConfigureAwait(false);
            if (newParent is null)
            {
                return (null, abandoned);
            }
        }

        var startedAt = time.GetUtcNow();
        var backupId = BackupId.New(kind, startedAt).Value;
        var running = BackupCatalogEntries.Running(database, backupId, newParent?.BaseBackupId ?? newParent?.BackupId, newParent?.BackupId, startedAt);
        var key = KeyWrapping.NewDataKey();
        var encryption = BackupArchiveReader.SealDataKey(keyRing, key);
        CryptographicOperations.ZeroMemory(key); // only its wrapped form is kept; each slice opens it again
        // The checkpoints first: a run in the catalog without them cannot be resumed, and is tidied up instead.
        await runs.StartAsync(new BackupRunRecord(backupId, newParent?.BackupId, startedAt, encryption), cancellationToken).ConfigureAwait(false);
        await catalog.AddAsync(running, cancellationToken).ConfigureAwait(false);
        return (new StartedRun(backupId, startedAt, newParent, Resumed: false), abandoned);
    }

    /// <summary>The newest usable backup of the newest full backup's chain.</summary>
    private async Task<BackupManifest?> FindParentAsync(CancellationToken cancellationToken)
    {
        var usable = (await catalog.ListAsync(reader.Database, cancellationToken).ConfigureAwait(false)).Where(entry => entry.IsUsable).ToList();
        var newestFull = usable.LastOrDefault(entry => entry.Kind == BackupKind.Full);
        if (newestFull is null)
        {
            return null;
        }

        var newest = usable.Last(entry => entry.BackupId == newestFull.BackupId || entry.BaseBackupId == newestFull.BackupId);
        return await reader.ReadManifestAsync(newest.BackupId, cancellationToken).ConfigureAwait(false);
    }
}

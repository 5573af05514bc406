using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Tidies up after runs that died (process killed, storage lost), called by the next run while it holds the lease,
/// so no other run can be in flight: a run whose manifest is written and authentic is committed after all;
/// anything else without a manifest is deleted and marked failed.
/// </summary>
public sealed class AbandonedRunCleaner(BlobContainerClient archives, BackupCatalog catalog, BackupArchiveReader reader, TimeProvider time)
{
    /// <param name="resuming">The run about to be resumed (its files and Running entry are its own), or null.</param>
    /// <returns>The ids of the backups whose leftovers were removed.</returns>
    public async Task<IReadOnlyList<string>> CleanAsync(string? resuming, CancellationToken cancellationToken)
    {
        var database = reader.Database;
        var entries = (await catalog.ListAsync(database, cancellationToken).ConfigureAwait(false))
            .ToDictionary(entry => entry.BackupId, StringComparer.Ordinal);
        var removed = new List<string>();
        await foreach (var folder in archives.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", database + "/", cancellationToken).ConfigureAwait(false))
        {
            if (!folder.IsPrefix)
            {
                continue;
            }

            var backupId = folder.Prefix[(database.Length + 1)..].TrimEnd('/');
            if (backupId == resuming)
            {
                continue;
            }

            entries.TryGetValue(backupId, out var entry);
            if (entry is { State: BackupState.Committed or BackupState.Verified or BackupState.Pruned })
            {
                continue;
            }

            if (await TryReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false) is { } manifest)
            {
                // It died after its manifest and before its catalog row: the backup is whole.
                await catalog.SaveAsync(BackupCatalogEntries.Committed(database, manifest, entry), cancellationToken).ConfigureAwait(false);
                entries.Remove(backupId);
                continue;
            }

            await DeleteFolderAsync(archives, folder.Prefix, cancellationToken).ConfigureAwait(false);
            removed.Add(backupId);
            if (entry is not null)
            {
                await catalog.SaveAsync(
                    entry with
                    {
                        State = BackupState.Failed,
                        CompletedAt = entry.CompletedAt ?? time.GetUtcNow(),
                        Error = entry.Error ?? "abandoned: the run stopped before its manifest was written; its files were removed",
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }

        // Running rows with no files at all died before their first chunk.
        foreach (var entry in entries.Values.Where(entry => entry.State == BackupState.Running && !removed.Contains(entry.BackupId) && entry.BackupId != resuming))
        {
            await catalog.SaveAsync(
                entry with { State = BackupState.Failed, CompletedAt = time.GetUtcNow(), Error = "abandoned: the run stopped before writing anything" },
                cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    private async Task<BackupManifest?> TryReadManifestAsync(string backupId, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
        }
        catch (BackupIntegrityException)
        {
            return null;
        }
    }

    internal static async Task DeleteFolderAsync(BlobContainerClient archives, string prefix, CancellationToken cancellationToken)
    {
        await foreach (var blob in archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            await archives.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}

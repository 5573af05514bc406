namespace AstroBot.Continuity.Backup.Catalog;

/// <summary>Chooses the backups a restore applies: a full backup and, in order, the incrementals built on it.</summary>
public static class BackupChain
{
    /// <summary>
    /// <paramref name="backupId"/> null: the newest full backup completed by <paramref name="at"/> (or ever) and its
    /// incrementals completed by then. A full id: that full alone (plus incrementals up to <paramref name="at"/> when given).
    /// An incremental id: its full and its incrementals up to and including it.
    /// </summary>
    /// <returns>The chain, oldest first; empty when nothing qualifies.</returns>
    /// <exception cref="ArgumentException">The id is not in the catalog or not usable; the message says which.</exception>
    public static IReadOnlyList<BackupCatalogEntry> Resolve(IReadOnlyList<BackupCatalogEntry> catalog, string? backupId, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var usable = catalog.Where(entry => entry.IsUsable && entry.CompletedAt is not null)
            .OrderBy(entry => entry.StartedAt).ThenBy(entry => entry.BackupId, StringComparer.Ordinal).ToList();
        if (backupId is null)
        {
            var full = usable.LastOrDefault(entry => entry.Kind == BackupKind.Full && (at is null || entry.CompletedAt <= at));
            return full is null ? [] : [full, .. IncrementalsOf(usable, full, at)];
        }

        var chosen = catalog.FirstOrDefault(entry => entry.BackupId == backupId)
            ?? throw new ArgumentException($"Backup {backupId} is not in the catalog (see 'continuity backup list').", nameof(backupId));
        if (!chosen.IsUsable)
        {
            throw new ArgumentException($"Backup {backupId} is {chosen.State.ToString().ToLowerInvariant()}, not restorable.", nameof(backupId));
        }

        if (chosen.Kind == BackupKind.Full)
        {
            return at is null ? [chosen] : [chosen, .. IncrementalsOf(usable, chosen, at)];
        }

        var baseFull = usable.FirstOrDefault(entry => entry.BackupId == chosen.BaseBackupId)
            ?? throw new ArgumentException($"Backup {backupId} builds on {chosen.BaseBackupId}, which is not restorable.", nameof(backupId));
        List<BackupCatalogEntry> chain = [baseFull];
        foreach (var incremental in IncrementalsOf(usable, baseFull, null))
        {
            chain.Add(incremental);
            if (incremental.BackupId == chosen.BackupId)
            {
                break;
            }
        }

        return chain[^1].BackupId == chosen.BackupId
            ? chain
            : throw new ArgumentException($"Backup {backupId} cannot be restored: its chain from {baseFull.BackupId} is broken before it (a failed or pruned link).", nameof(backupId));
    }

    private static IEnumerable<BackupCatalogEntry> IncrementalsOf(List<BackupCatalogEntry> usable, BackupCatalogEntry full, DateTimeOffset? at)
    {
        // Each incremental continues from the one before it; stop at the first gap (a failed or pruned link).
        var previous = full.BackupId;
        foreach (var entry in usable.Where(entry => entry.BaseBackupId == full.BackupId))
        {
            if (entry.ParentBackupId != previous || (at is not null && entry.CompletedAt > at))
            {
                yield break;
            }

            previous = entry.BackupId;
            yield return entry;
        }
    }
}

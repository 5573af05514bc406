using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Backup.Catalog;

/// <summary>Catalog entries made from what a run knows.</summary>
public static class BackupCatalogEntries
{
    public static BackupCatalogEntry Running(string database, string backupId, string? baseBackupId, string? parentBackupId, DateTimeOffset startedAt) => new()
    {
        Database = database,
        BackupId = backupId,
        State = BackupState.Running,
        BaseBackupId = baseBackupId,
        ParentBackupId = parentBackupId,
        StartedAt = startedAt,
    };

    /// <summary>A committed entry from the manifest, keeping what <paramref name="running"/> measured (RU, throttles).</summary>
    public static BackupCatalogEntry Committed(string database, BackupManifest manifest, BackupCatalogEntry? running)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new BackupCatalogEntry
        {
            Database = database,
            BackupId = manifest.BackupId,
            State = BackupState.Committed,
            BaseBackupId = manifest.BaseBackupId,
            ParentBackupId = manifest.ParentBackupId,
            StartedAt = manifest.StartedAt,
            CompletedAt = manifest.CompletedAt,
            ItemCount = manifest.ItemCount,
            RawBytes = manifest.Containers.Sum(container => container.RawBytes),
            StoredBytes = manifest.StoredBytes,
            ChunkCount = manifest.Containers.Sum(container => container.Chunks.Count),
            RequestCharge = running?.RequestCharge ?? 0,
            Throttles = running?.Throttles ?? 0,
        };
    }
}

namespace AstroBot.Continuity.Backup.Catalog;

/// <summary>A backup's life: running, then committed (manifest written) or failed; verified by a deep check; pruned by retention.</summary>
public enum BackupState
{
    Running,
    Committed,
    Verified,
    Failed,
    Pruned,
}

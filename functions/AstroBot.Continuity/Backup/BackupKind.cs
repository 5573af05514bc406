namespace AstroBot.Continuity.Backup;

/// <summary>A full backup reads every item; an incremental reads the change feed since the backup before it.</summary>
public enum BackupKind
{
    Full,
    Incremental,
}

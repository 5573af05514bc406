namespace AstroBot.Continuity.Backup.Format;

/// <summary>A backup that cannot be trusted: altered, truncated, missing a part, or unreadable. Names the backup and the part.</summary>
public sealed class BackupIntegrityException : Exception
{
    public BackupIntegrityException(string backupId, string problem, Exception? innerException = null)
        : base($"Backup {backupId}: {problem}.", innerException)
    {
        BackupId = backupId;
    }

    public BackupIntegrityException()
    {
        BackupId = string.Empty;
    }

    public BackupIntegrityException(string message)
        : base(message)
    {
        BackupId = string.Empty;
    }

    public BackupIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
        BackupId = string.Empty;
    }

    public string BackupId { get; }
}

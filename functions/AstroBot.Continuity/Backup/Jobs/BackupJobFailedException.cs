namespace AstroBot.Continuity.Backup.Jobs;

/// <summary>A scheduled backup job that ran and failed: thrown so the timer (and its monitoring) records a failure.</summary>
public sealed class BackupJobFailedException : Exception
{
    public BackupJobFailedException()
    {
    }

    public BackupJobFailedException(string message)
        : base(message)
    {
    }

    public BackupJobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

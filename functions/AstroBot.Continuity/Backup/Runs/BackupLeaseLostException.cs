namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// A backup run lost its lease (<see cref="BackupLease.Lost"/>) and stopped without committing: from then on another
/// run may hold the lease and tidy up this run's files, so it writes nothing more.
/// </summary>
public sealed class BackupLeaseLostException : Exception
{
    public BackupLeaseLostException()
    {
    }

    public BackupLeaseLostException(string message)
        : base(message)
    {
    }

    public BackupLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static BackupLeaseLostException For(string database, BackupLease lease, Exception stoppedBy) =>
        new($"The backup lease of database '{database}' was lost ({lease.LostBecause}): the run stopped and its backup was not committed.", stoppedBy);
}

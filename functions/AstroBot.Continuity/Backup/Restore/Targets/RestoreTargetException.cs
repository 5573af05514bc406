namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// A restore target that cannot be created or deleted for a reason someone must act on (a missing role, a conflicting
/// operation, an operation that failed), with a message naming the database and what Azure answered.
/// </summary>
public sealed class RestoreTargetException : Exception
{
    public RestoreTargetException()
    {
    }

    public RestoreTargetException(string message)
        : base(message)
    {
    }

    public RestoreTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

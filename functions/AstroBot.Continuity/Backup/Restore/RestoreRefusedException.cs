namespace AstroBot.Continuity.Backup.Restore;

/// <summary>A restore that would overwrite, has nothing to restore from, or cannot be read: refused before anything is written.</summary>
public sealed class RestoreRefusedException : Exception
{
    public RestoreRefusedException()
    {
    }

    public RestoreRefusedException(string message)
        : base(message)
    {
    }

    public RestoreRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

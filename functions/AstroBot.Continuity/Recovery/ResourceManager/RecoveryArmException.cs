namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// A drill's Resource Manager step that cannot go on for a reason someone must act on (a missing role, another
/// operation in progress, an operation that failed, a restore point outside the window), saying what Azure answered.
/// </summary>
public sealed class RecoveryArmException : Exception
{
    public RecoveryArmException()
    {
    }

    public RecoveryArmException(string message)
        : base(message)
    {
    }

    public RecoveryArmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

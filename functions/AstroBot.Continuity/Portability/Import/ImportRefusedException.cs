namespace AstroBot.Continuity.Portability.Import;

/// <summary>An archive that will not be imported; the message names the problem. Nothing was written.</summary>
public sealed class ImportRefusedException : Exception
{
    public ImportRefusedException()
    {
    }

    public ImportRefusedException(string message)
        : base(message)
    {
    }

    public ImportRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

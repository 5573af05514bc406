namespace AstroBot.Continuity.Crypto;

/// <summary>
/// Sealed data did not authenticate. AES-GCM cannot tell a wrong key from altered data, so neither can this.
/// </summary>
public sealed class DecryptionFailedException : Exception
{
    internal const string DefaultMessage = "The data could not be decrypted: wrong key or the data was altered";

    public DecryptionFailedException()
        : base(DefaultMessage)
    {
    }

    public DecryptionFailedException(string message)
        : base(message)
    {
    }

    public DecryptionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace AstroBot.Continuity.Crypto;

/// <summary>The keyring cannot be built, or lacks the key-encryption key that protects what is being read.</summary>
public sealed class KeyRingException : Exception
{
    public KeyRingException()
        : base("The key-encryption keyring could not be loaded")
    {
    }

    public KeyRingException(string message)
        : base(message)
    {
    }

    public KeyRingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

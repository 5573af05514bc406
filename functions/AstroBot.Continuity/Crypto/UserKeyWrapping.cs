namespace AstroBot.Continuity.Crypto;

/// <summary>
/// How a user's key is wrapped, wherever a wrapped copy is kept (the user-key table, and each backup's blocks): bound
/// to the user and the key id, so a wrapped key copied to another user or key id does not unwrap.
/// </summary>
public static class UserKeyWrapping
{
    /// <summary>The wrapping purpose of the key <paramref name="keyId"/> of the user <paramref name="userReference"/>.</summary>
    public static string Purpose(string userReference, string keyId) => $"user-key|{userReference}|{keyId}";

    public static WrappedKey Wrap(KeyEncryptionKey kek, ReadOnlySpan<byte> material, string userReference, string keyId) =>
        KeyWrapping.Wrap(kek, material, Purpose(userReference, keyId));

    /// <exception cref="KeyRingException">The key-encryption key that wrapped it is not in <paramref name="ring"/>.</exception>
    /// <exception cref="DecryptionFailedException">It does not authenticate, or was wrapped for another user or key id.</exception>
    public static UserDataKey Unwrap(KeyRing ring, WrappedKey wrapped, string userReference, string keyId) =>
        new(userReference, keyId, KeyWrapping.Unwrap(ring, wrapped, Purpose(userReference, keyId)), wrapped);
}

namespace AstroBot.Continuity.Crypto;

/// <summary>A user's own data key, unwrapped: destroying it makes that user's items unreadable in every backup.</summary>
/// <param name="UserReference">The user's pseudonym (<see cref="UserReferences.For"/>), never the phone number.</param>
/// <param name="KeyId">Names this key; a user whose key was destroyed gets a new key with a new id.</param>
/// <param name="Material">The 32 key bytes.</param>
/// <param name="Wrapped">The same key wrapped by a key-encryption key, as the user-key table keeps it and each backup copies it.</param>
public sealed record UserDataKey(string UserReference, string KeyId, byte[] Material, WrappedKey Wrapped);

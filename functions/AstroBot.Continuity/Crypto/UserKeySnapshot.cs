namespace AstroBot.Continuity.Crypto;

/// <summary>The user-key table read whole: the keys that unwrap, and the rows that do not (reported, never fatal).</summary>
/// <param name="Keys">Every usable key, by user reference.</param>
/// <param name="Unreadable">The user references whose rows do not unwrap (altered, incomplete, or under a KEK not in the keyring).</param>
public sealed record UserKeySnapshot(IReadOnlyDictionary<string, UserDataKey> Keys, IReadOnlySet<string> Unreadable);

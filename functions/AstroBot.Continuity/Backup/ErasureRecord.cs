namespace AstroBot.Continuity.Backup;

/// <summary>One erased user in the erasure journal.</summary>
/// <param name="ErasedAt">The latest erasure: what every backup started before it holds of the user is never restored.</param>
/// <param name="DestroyedKeyIds">
/// The ids of the user's keys destroyed by their erasures: a block sealed under one of them is never opened, whichever
/// copy of the key is at hand. Null for a row written before the journal named keys.
/// </param>
public sealed record ErasureRecord(DateTimeOffset ErasedAt, IReadOnlySet<string>? DestroyedKeyIds)
{
    /// <summary>True when the user was erased after the backup started at <paramref name="backupStartedAt"/> began.</summary>
    public bool ErasedAfter(DateTimeOffset backupStartedAt) => backupStartedAt <= ErasedAt;

    /// <summary>True when an erasure destroyed the key <paramref name="keyId"/>.</summary>
    public bool Destroyed(string keyId) => DestroyedKeyIds?.Contains(keyId) ?? false;

    /// <summary>
    /// False for a row that names no keys (written before the journal did): then a backup's copy of this user's key
    /// is never used, since it cannot be told apart from a key an erasure destroyed; only the user-key table opens their blocks.
    /// </summary>
    public bool TrustsKeyCopies => DestroyedKeyIds is not null;
}

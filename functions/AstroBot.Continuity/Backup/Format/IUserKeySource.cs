using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>Per-user keys as a backup run or a restore sees them.</summary>
public interface IUserKeySource
{
    /// <summary>The user's key, created on first use.</summary>
    ValueTask<UserDataKey> GetOrCreateAsync(string waId, CancellationToken cancellationToken);

    /// <summary>The key with this reference, or null when it was destroyed (the user was erased) or never existed.</summary>
    ValueTask<UserDataKey?> FindAsync(string userReference, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Backup.Format;

/// <summary>Per-user keys in memory, for the chunk format's own tests (the key table is tested with Azurite elsewhere).</summary>
internal sealed class MemoryUserKeys : IUserKeySource
{
    private readonly ConcurrentDictionary<string, UserDataKey> keys = new(StringComparer.Ordinal);

    public ValueTask<UserDataKey> GetOrCreateAsync(string waId, CancellationToken cancellationToken)
    {
        var reference = UserReferences.For(waId);
        return ValueTask.FromResult(keys.GetOrAdd(reference, _ => new UserDataKey(reference, Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32))));
    }

    public ValueTask<UserDataKey?> FindAsync(string userReference, CancellationToken cancellationToken) =>
        ValueTask.FromResult(keys.TryGetValue(userReference, out var key) ? key : null);

    public UserDataKey For(string waId) => keys[UserReferences.For(waId)];

    public void Destroy(string waId) => keys.TryRemove(UserReferences.For(waId), out _);
}

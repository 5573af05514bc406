using System.Collections.Concurrent;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Backup.Format;

/// <summary>Per-user keys in memory, for the chunk format's own tests (the key table is tested with Azurite elsewhere).</summary>
internal sealed class MemoryUserKeys : IUserKeySource
{
    private readonly ConcurrentDictionary<string, UserDataKey> keys = new(StringComparer.Ordinal);

    /// <summary>The keyring the keys are wrapped with, as the user-key table's rows are (and each block's copy with them).</summary>
    public KeyRing Ring { get; } = new(new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32)));

    public ValueTask<UserDataKey> GetOrCreateAsync(string waId, CancellationToken cancellationToken)
    {
        var reference = UserReferences.For(waId);
        return ValueTask.FromResult(keys.GetOrAdd(reference, _ =>
        {
            var keyId = Guid.NewGuid().ToString("N");
            var material = RandomNumberGenerator.GetBytes(32);
            return new UserDataKey(reference, keyId, material, UserKeyWrapping.Wrap(Ring.Current, material, reference, keyId));
        }));
    }

    public ValueTask<UserDataKey?> FindAsync(string userReference, CancellationToken cancellationToken) =>
        ValueTask.FromResult(keys.TryGetValue(userReference, out var key) ? key : null);

    public UserDataKey For(string waId) => keys[UserReferences.For(waId)];

    public void Destroy(string waId) => keys.TryRemove(UserReferences.For(waId), out _);
}

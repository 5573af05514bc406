using System.Collections.Concurrent;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// The per-user keys for one backup run or restore step: for a run, the whole key table read once up front, then new
/// users' keys created as they turn up, so a backup of many users does not make one table round trip per user; for a
/// restore step, the keys of its chunk's users only.
/// </summary>
public sealed class RunUserKeys : IUserKeySource
{
    private readonly UserKeyStore store;
    private readonly ConcurrentDictionary<string, UserDataKey> keys;

    private RunUserKeys(UserKeyStore store, UserKeySnapshot snapshot)
    {
        this.store = store;
        keys = new ConcurrentDictionary<string, UserDataKey>(snapshot.Keys, StringComparer.Ordinal);
        Unreadable = snapshot.Unreadable;
    }

    /// <summary>The users whose key rows did not unwrap when the table was read: a backup leaves their items out and says so.</summary>
    public IReadOnlySet<string> Unreadable { get; }

    public static async Task<RunUserKeys> LoadAsync(UserKeyStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new RunUserKeys(store, await store.LoadAllAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The keys of these users only, for one restore step (its chunk's users): no whole-table read per step.</summary>
    public static async Task<RunUserKeys> ForUsersAsync(UserKeyStore store, IReadOnlyCollection<string> userReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new RunUserKeys(store, await store.FindManyAsync(userReferences, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask<UserDataKey> GetOrCreateAsync(string waId, CancellationToken cancellationToken)
    {
        var reference = UserReferences.For(waId);
        if (keys.TryGetValue(reference, out var key))
        {
            return key;
        }

        key = await store.GetOrCreateAsync(waId, cancellationToken).ConfigureAwait(false);
        return keys.GetOrAdd(reference, key);
    }

    /// <summary>From the snapshot taken at the start: a key destroyed since is still known here only if it was loaded before.</summary>
    public ValueTask<UserDataKey?> FindAsync(string userReference, CancellationToken cancellationToken) =>
        ValueTask.FromResult(keys.TryGetValue(userReference, out var key) ? key : null);
}

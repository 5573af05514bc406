using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// The user-key table as this instance read it for the backup run it last sliced: read once per run and instance (as
/// a run in one invocation did), not once per slice, and forgotten when the run ends.
/// </summary>
internal sealed class RunUserKeysCache(UserKeyStore store)
{
    private Entry? entry;

    public async Task<RunUserKeys> ForRunAsync(string backupId, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref entry) is { } cached && cached.BackupId == backupId)
        {
            return cached.Keys;
        }

        var keys = await RunUserKeys.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref entry, new Entry(backupId, keys));
        return keys;
    }

    public void Forget(string backupId)
    {
        if (Volatile.Read(ref entry) is { } cached && cached.BackupId == backupId)
        {
            Interlocked.CompareExchange(ref entry, null, cached);
        }
    }

    private sealed record Entry(string BackupId, RunUserKeys Keys);
}

using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// One restore step's chunk, downloaded and authenticated, with the erasure records of the users it restores; their
/// keys are read from the user-key table only when asked for (<see cref="KeysAsync"/>). Disposing it wipes the
/// backup's data key, so a plaintext data key lives no longer than the step that needs it.
/// </summary>
/// <param name="onlyUser">In a one-user restore, the user's reference; null restores everyone.</param>
internal sealed class OpenedChunk(
    string chunkName,
    IReadOnlyList<UserBlock> blocks,
    BackupManifest manifest,
    KeyRing ring,
    byte[] dataKey,
    IReadOnlyDictionary<string, ErasureRecord> erasures,
    UserKeyStore userKeys,
    string? onlyUser) : IDisposable
{
    public string ChunkName => chunkName;

    public IReadOnlyList<UserBlock> Blocks => blocks;

    /// <summary>The blocks this restore writes: in a one-user restore, that user's only.</summary>
    public IEnumerable<UserBlock> Restored => blocks.Where(block => Restores(block.UserReference));

    /// <summary>The keys that open blocks without the user-key table: the data key and the blocks' own key copies.</summary>
    public BlockKeys CopiedKeys => Keys(table: null);

    /// <summary>True for the user references this restore writes.</summary>
    public bool Restores(string userReference) => onlyUser is null || userReference == onlyUser;

    /// <summary>The keys that open these blocks: the user-key table's rows of their users only, then the blocks' copies.</summary>
    public async Task<BlockKeys> KeysAsync(IEnumerable<UserBlock> forBlocks, CancellationToken cancellationToken)
    {
        var users = forBlocks.Where(block => !block.IsSealedWithDataKey).Select(block => block.UserReference).ToList();
        return Keys(await RunUserKeys.ForUsersAsync(userKeys, users, cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(dataKey);

    private BlockKeys Keys(IUserKeySource? table) => new(manifest.BackupId, manifest.StartedAt, dataKey, ring, table, erasures);
}

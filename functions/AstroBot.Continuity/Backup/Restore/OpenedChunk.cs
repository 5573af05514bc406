using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// One restore step's chunk, downloaded and authenticated, with the keys of the users it restores only. Disposing it
/// wipes the backup's data key, so a plaintext data key lives no longer than the step that needs it.
/// </summary>
/// <param name="onlyUser">In a one-user restore, the user's reference; null restores everyone.</param>
internal sealed class OpenedChunk(IReadOnlyList<UserBlock> blocks, BlockKeys keys, byte[] dataKey, string? onlyUser) : IDisposable
{
    public IReadOnlyList<UserBlock> Blocks => blocks;

    /// <summary>The blocks this restore writes: in a one-user restore, that user's only.</summary>
    public IEnumerable<UserBlock> Restored => blocks.Where(block => Restores(block.UserReference));

    public BlockKeys Keys => keys;

    /// <summary>True for the user references this restore writes.</summary>
    public bool Restores(string userReference) => onlyUser is null || userReference == onlyUser;

    public void Dispose() => CryptographicOperations.ZeroMemory(dataKey);
}

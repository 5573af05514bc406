using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// One restore step's chunk, downloaded and authenticated, with the keys of its users only. Disposing it wipes the
/// backup's data key, so a plaintext data key lives no longer than the step that needs it.
/// </summary>
internal sealed class OpenedChunk(IReadOnlyList<UserBlock> blocks, BlockKeys keys, byte[] dataKey) : IDisposable
{
    public IReadOnlyList<UserBlock> Blocks => blocks;

    public BlockKeys Keys => keys;

    public void Dispose() => CryptographicOperations.ZeroMemory(dataKey);
}

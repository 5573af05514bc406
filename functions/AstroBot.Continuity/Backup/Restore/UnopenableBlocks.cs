using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>Counts, while a restore checks a chunk, the blocks no key opens: any at all refuses the restore before it writes.</summary>
internal sealed class UnopenableBlocks
{
    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

    public long Items { get; private set; }

    /// <exception cref="RestoreRefusedException">A block's key copy does not authenticate.</exception>
    public async Task CountAsync(BlockKeys keys, string chunkName, IEnumerable<UserBlock> blocks, CancellationToken cancellationToken)
    {
        foreach (var block in blocks)
        {
            BlockKey key;
            try
            {
                key = await keys.FindAsync(block, chunkName, cancellationToken).ConfigureAwait(false);
            }
            catch (BackupIntegrityException exception)
            {
                throw new RestoreRefusedException(exception.Message + " The restore is refused.", exception);
            }

            if (key.Source == BlockKeySource.Lost)
            {
                Users.Add(block.UserReference);
                Items += block.ItemCount;
            }
        }
    }
}

using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>Counts, while a restore checks a chunk, the blocks no key opens: any at all refuses the restore before it writes.</summary>
internal sealed class UnopenableBlocks
{
    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

    public long Items { get; private set; }

    /// <exception cref="RestoreRefusedException">A block's key copy does not authenticate and the user-key table has no key for it.</exception>
    public async Task CountAsync(OpenedChunk chunk, CancellationToken cancellationToken)
    {
        // A block is lost only when neither the table nor its own key copy opens it, whichever is tried first. The
        // copies come first here, so the check reads key rows only for the users whose copies do not open their blocks
        // (version-1 chunks, copies under a retired KEK, journal rows that distrust copies); the write step reads them all.
        var copied = chunk.CopiedKeys;
        var unopened = new List<UserBlock>();
        foreach (var block in chunk.Restored)
        {
            try
            {
                if ((await copied.FindAsync(block, chunk.ChunkName, cancellationToken).ConfigureAwait(false)).Source == BlockKeySource.Lost)
                {
                    unopened.Add(block);
                }
            }
            catch (BackupIntegrityException)
            {
                unopened.Add(block); // refuses below only if the table has no key for it either, as the write step would
            }
        }

        if (unopened.Count == 0)
        {
            return;
        }

        var keys = await chunk.KeysAsync(unopened, cancellationToken).ConfigureAwait(false);
        foreach (var block in unopened)
        {
            BlockKey key;
            try
            {
                key = await keys.FindAsync(block, chunk.ChunkName, cancellationToken).ConfigureAwait(false);
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

using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// Turns a chunk's user blocks into items, each block opened with the key <see cref="BlockKeys"/> finds. A block of
/// an erased user is counted and never opened; a block whose key is lost is counted (the caller decides how loud to
/// be); a block that does not open under its key is corruption.
/// </summary>
public static class ChunkItems
{
    /// <param name="includeUser">Leaves out (as skipped) the blocks of the users it refuses, before any key is looked for.</param>
    public static async Task<ChunkContents> OpenAsync(
        string chunkName, IReadOnlyList<UserBlock> blocks, BlockKeys keys, Func<string, bool>? includeUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(keys);
        var items = new List<byte[]>();
        var counts = new ChunkCounts();
        foreach (var block in blocks)
        {
            if (includeUser is not null && !includeUser(block.UserReference))
            {
                counts.Skipped += block.ItemCount;
                continue;
            }

            var key = await keys.FindAsync(block, chunkName, cancellationToken).ConfigureAwait(false);
            if (key.Material is null)
            {
                counts.Add(key.Source, block);
                continue;
            }

            try
            {
                var opened = ChunkReader.OpenItems(block, key.Material, keys.Address(chunkName));
                if (opened.Count != block.ItemCount)
                {
                    throw new BackupIntegrityException(keys.BackupId, $"chunk {chunkName} holds {opened.Count} items for a user where it records {block.ItemCount}");
                }

                items.AddRange(opened);
                counts.Add(key.Source, block);
            }
            catch (DecryptionFailedException exception)
            {
                throw new BackupIntegrityException(keys.BackupId, $"a user block in chunk {chunkName} does not authenticate under its key", exception);
            }
        }

        return new ChunkContents(items, counts.Shredded, counts.Skipped, counts.Recovered, counts.Lost, counts.LostUsers);
    }

    private sealed class ChunkCounts
    {
        public int Shredded { get; private set; }

        public int Skipped { get; set; }

        public int Recovered { get; private set; }

        public int Lost { get; private set; }

        public HashSet<string> LostUsers { get; } = new(StringComparer.Ordinal);

        public void Add(BlockKeySource source, UserBlock block)
        {
            switch (source)
            {
                case BlockKeySource.Erased:
                    Shredded += block.ItemCount;
                    break;
                case BlockKeySource.BackupCopy:
                    Recovered += block.ItemCount;
                    break;
                case BlockKeySource.Lost:
                    Lost += block.ItemCount;
                    LostUsers.Add(block.UserReference);
                    break;
            }
        }
    }
}

/// <summary>A chunk's readable items, and what was not read.</summary>
/// <param name="ShreddedItems">Items of erased users, never opened.</param>
/// <param name="SkippedItems">Items of other users, in a one-user read.</param>
/// <param name="RecoveredItems">Items among <paramref name="Items"/> opened with the backup's copy of the user key (the table lost it).</param>
/// <param name="LostItems">Items that could not be opened: no key in the table, no usable copy, and the user is not erased.</param>
/// <param name="LostUsers">The user references of <paramref name="LostItems"/>.</param>
public sealed record ChunkContents(
    IReadOnlyList<byte[]> Items, int ShreddedItems, int SkippedItems, int RecoveredItems, int LostItems, IReadOnlySet<string> LostUsers)
{
    public int TotalItems => Items.Count + ShreddedItems + SkippedItems + LostItems;
}

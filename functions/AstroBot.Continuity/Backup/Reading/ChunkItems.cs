using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// Turns a chunk's user blocks into items. A block whose user key is gone (the user was erased) is shredded: it
/// is counted and skipped, never an error. A block that does not open under its key is corruption.
/// </summary>
public static class ChunkItems
{
    public static async Task<ChunkContents> OpenAsync(
        string backupId, string chunkName, IReadOnlyList<UserBlock> blocks, byte[] dataKey, IUserKeySource userKeys,
        Func<string, bool>? includeUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(userKeys);
        var address = new ChunkAddress(backupId, chunkName);
        var items = new List<byte[]>();
        var shredded = 0;
        var skipped = 0;
        foreach (var block in blocks)
        {
            if (includeUser is not null && !includeUser(block.UserReference))
            {
                skipped += block.ItemCount;
                continue;
            }

            byte[] key;
            if (block.IsSealedWithDataKey)
            {
                key = dataKey;
            }
            else if (await userKeys.FindAsync(block.UserReference, cancellationToken).ConfigureAwait(false) is { } userKey && userKey.KeyId == block.KeyId)
            {
                key = userKey.Material;
            }
            else
            {
                shredded += block.ItemCount;
                continue;
            }

            try
            {
                var opened = ChunkReader.OpenItems(block, key, address);
                if (opened.Count != block.ItemCount)
                {
                    throw new BackupIntegrityException(backupId, $"chunk {chunkName} holds {opened.Count} items for a user where it records {block.ItemCount}");
                }

                items.AddRange(opened);
            }
            catch (DecryptionFailedException exception)
            {
                throw new BackupIntegrityException(backupId, $"a user block in chunk {chunkName} does not authenticate under its key", exception);
            }
        }

        return new ChunkContents(items, shredded, skipped);
    }
}

/// <summary>A chunk's readable items, and how many were shredded (erased users) or left out (another user).</summary>
public sealed record ChunkContents(IReadOnlyList<byte[]> Items, int ShreddedItems, int SkippedItems)
{
    public int TotalItems => Items.Count + ShreddedItems + SkippedItems;
}

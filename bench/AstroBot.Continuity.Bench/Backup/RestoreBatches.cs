using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Bench.Bare;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The restore's write pattern for the bare insert: one batch per backup chunk, in the backup's container order,
/// each container's items cut at the backup's chunk boundaries.
/// </summary>
internal static class RestoreBatches
{
    public static IReadOnlyList<InsertBatch> Of(ReadData data, BackupManifest manifest)
    {
        var batches = new List<InsertBatch>();
        foreach (var part in manifest.Containers)
        {
            var items = data.Containers.Single(container => container.Name == part.Name).Items;
            var offset = 0;
            foreach (var chunk in part.Chunks)
            {
                var count = Math.Min(chunk.ItemCount, items.Count - offset);
                batches.Add(new InsertBatch(part.Name, items.Skip(offset).Take(count).ToArray()));
                offset += count;
            }

            if (offset < items.Count)
            {
                batches.Add(new InsertBatch(part.Name, items.Skip(offset).ToArray()));
            }
        }

        return batches;
    }
}

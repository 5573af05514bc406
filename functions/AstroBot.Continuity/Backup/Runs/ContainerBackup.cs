using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Source;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>Backs up one container: reads its feed page by page, cuts chunks of <c>Backup:ChunkBytes</c>, uploads them.</summary>
public sealed class ContainerBackup(string containerName, ArchiveWriter writer, int chunkBytes, IProgress<BackupProgress>? progress)
{
    private readonly ChunkBuilder chunk = new();
    private readonly ContentChecksum checksum = new();
    private readonly List<ChunkManifest> chunks = [];
    private long rawBytes;

    public async Task<ContainerManifest> RunAsync(
        IAsyncEnumerable<FeedPage> pages, string changeFeedStart, Func<string?, Task<string>> changeFeedEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(changeFeedEnd);
        string? lastPosition = null;
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                chunk.Add(item);
                if (chunk.RawBytes >= chunkBytes)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            lastPosition = page.Continuation ?? lastPosition;
            progress?.Report(new BackupProgress(containerName, checksum.Count + chunk.ItemCount, rawBytes + chunk.RawBytes));
        }

        if (chunk.ItemCount > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ContainerManifest
        {
            Name = containerName,
            ItemCount = checksum.Count,
            RawBytes = rawBytes,
            ContentChecksum = checksum.ToString(),
            ChangeFeedStart = changeFeedStart,
            ChangeFeedEnd = await changeFeedEnd(lastPosition).ConfigureAwait(false),
            Chunks = chunks,
        };
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var item in chunk.Items)
        {
            checksum.Add(item);
        }

        rawBytes += chunk.RawBytes;
        chunks.Add(await writer.WriteChunkAsync(chunk, BackupLayout.ChunkName(containerName, chunks.Count), cancellationToken).ConfigureAwait(false));
    }
}

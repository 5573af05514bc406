using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>Backs up one container: reads its feed page by page, cuts chunks of <c>Backup:ChunkBytes</c>, uploads them.</summary>
/// <param name="leftOutUsers">Users whose items this run cannot seal (their key rows do not unwrap): counted, not backed up.</param>
public sealed class ContainerBackup(
    string containerName, ArchiveWriter writer, int chunkBytes, IReadOnlySet<string> leftOutUsers, IProgress<BackupProgress>? progress)
{
    private readonly ChunkBuilder chunk = new();
    private readonly ContentChecksum checksum = new();
    private readonly List<ChunkManifest> chunks = [];
    private long rawBytes;

    /// <summary>Items of <c>leftOutUsers</c> met so far.</summary>
    public long LeftOutItems { get; private set; }

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
                if (IsLeftOut(item))
                {
                    LeftOutItems++;
                    continue;
                }

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

    private bool IsLeftOut(CanonicalItem item) =>
        leftOutUsers.Count > 0 && !string.IsNullOrWhiteSpace(item.WaId) && leftOutUsers.Contains(UserReferences.For(item.WaId));

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

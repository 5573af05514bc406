using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Backs up one container: reads its feed page by page, cuts a chunk at the end of the page that fills it past
/// <c>Backup:ChunkBytes</c>, uploads it and checkpoints (the page's continuation, the chunks, the checksum), so a run
/// killed part-way goes on from its last chunk with the same content as a run never stopped.
/// </summary>
/// <param name="leftOutUsers">Users whose items this run cannot seal (their key rows do not unwrap): counted, not backed up.</param>
/// <param name="resumeFrom">Where an earlier attempt of this run got with this container, or null to begin it.</param>
/// <param name="checkpoint">Records a checkpoint and how many of its chunks an earlier checkpoint recorded already.</param>
public sealed class ContainerBackup(
    string containerName,
    ArchiveWriter writer,
    int chunkBytes,
    IReadOnlySet<string> leftOutUsers,
    ContainerCheckpoint? resumeFrom,
    Func<ContainerCheckpoint, int, CancellationToken, Task> checkpoint,
    IProgress<BackupProgress>? progress)
{
    private readonly ChunkBuilder chunk = new();
    private readonly ContentChecksum checksum = resumeFrom is null ? new() : ContentChecksum.Resume(resumeFrom.Checksum, resumeFrom.ItemCount);
    private readonly List<ChunkManifest> chunks = [.. resumeFrom?.Chunks ?? []];
    private long rawBytes = resumeFrom?.RawBytes ?? 0;
    private int checkpointedChunks = resumeFrom?.Chunks.Count ?? 0;

    /// <summary>Items of <c>leftOutUsers</c> met so far.</summary>
    public long LeftOutItems { get; private set; } = resumeFrom?.LeftOutItems ?? 0;

    /// <param name="pages">The feed, from <see cref="ContainerCheckpoint.Continuation"/> when resuming.</param>
    /// <param name="changeFeedStart">Where the container's changes were taken from (an earlier attempt's, when resuming).</param>
    /// <param name="changeFeedEnd">Given the last page's continuation (null when no page came), the position the next incremental starts from.</param>
    public async Task<ContainerManifest> RunAsync(
        IAsyncEnumerable<FeedPage> pages, string changeFeedStart, Func<string?, Task<string>> changeFeedEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(changeFeedEnd);
        string? lastPosition = resumeFrom?.Continuation;
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
            }

            lastPosition = page.Continuation ?? lastPosition;
            // Cut at the page's end, never inside it: a checkpoint is a page's continuation, whose items are all written.
            if (chunk.RawBytes >= chunkBytes)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                await SaveAsync(changeFeedStart, lastPosition, changeFeedEnd: null, cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(new BackupProgress(containerName, checksum.Count + chunk.ItemCount, rawBytes + chunk.RawBytes));
        }

        if (chunk.ItemCount > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var end = await changeFeedEnd(lastPosition).ConfigureAwait(false);
        return (await SaveAsync(changeFeedStart, lastPosition, end, cancellationToken).ConfigureAwait(false)).ToManifest();
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

    private async Task<ContainerCheckpoint> SaveAsync(string changeFeedStart, string? continuation, string? changeFeedEnd, CancellationToken cancellationToken)
    {
        var state = new ContainerCheckpoint(
            containerName, changeFeedStart, continuation, [.. chunks], checksum.ToString(), checksum.Count, rawBytes, LeftOutItems, changeFeedEnd);
        await checkpoint(state, checkpointedChunks, cancellationToken).ConfigureAwait(false);
        checkpointedChunks = chunks.Count;
        return state;
    }
}

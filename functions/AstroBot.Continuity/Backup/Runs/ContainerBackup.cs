using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Backs up one slice of one part of a container (a feed range, or its whole change feed): reads its feed page by page from the checkpoint, cuts a chunk at the end of
/// the page that fills it past <c>Backup:ChunkBytes</c>, uploads it and checkpoints (the page's continuation, the
/// chunks, the checksum), and stops at the first page boundary after the slice is over, so a run goes on from its last
/// checkpoint, in the next slice or after a kill, with the same content as a run never stopped.
/// </summary>
/// <param name="leftOutUsers">Users whose items this run cannot seal (their key rows do not unwrap): counted, not backed up.</param>
/// <param name="resumeFrom">Where the run got with this part: planned, or part-way.</param>
/// <param name="checkpoint">Records a checkpoint and how many of its chunks an earlier checkpoint recorded already.</param>
public sealed class ContainerBackup(
    ArchiveWriter writer,
    int chunkBytes,
    IReadOnlySet<string> leftOutUsers,
    ContainerCheckpoint resumeFrom,
    Func<ContainerCheckpoint, int, CancellationToken, Task> checkpoint,
    IProgress<BackupProgress>? progress)
{
    private readonly ChunkBuilder chunk = new();
    private readonly ContentChecksum checksum = ContentChecksum.Resume(resumeFrom.Checksum, resumeFrom.ItemCount);
    private readonly List<ChunkManifest> chunks = [.. resumeFrom.Chunks];
    private long rawBytes = resumeFrom.RawBytes;
    private long leftOutItems = resumeFrom.LeftOutItems;
    private int checkpointedChunks = resumeFrom.Chunks.Count;

    private string Container => resumeFrom.Container;

    /// <param name="pages">The feed, from <see cref="ContainerCheckpoint.Continuation"/>.</param>
    /// <param name="statistics">What this slice's reads cost, added to the checkpoint's.</param>
    /// <param name="sliceOver">Asked after each page: true ends the slice there.</param>
    /// <param name="changeFeedEnd">
    /// Given the last page's continuation (null when no page came), the position the next incremental starts from, when
    /// this part gives it (an incremental's change feed); null when it does not (a full's read feed).
    /// </param>
    /// <returns>The last checkpoint: <see cref="ContainerCheckpoint.Done"/> once the feed is read to its end.</returns>
    public async Task<ContainerCheckpoint> RunSliceAsync(
        IAsyncEnumerable<FeedPage> pages, FeedStatistics statistics, Func<bool> sliceOver, Func<string?, string?> changeFeedEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(sliceOver);
        ArgumentNullException.ThrowIfNull(changeFeedEnd);
        string? lastPosition = resumeFrom.Continuation;
        await foreach (var page in pages.OneAhead(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                if (IsLeftOut(item))
                {
                    leftOutItems++;
                    continue;
                }

                chunk.Add(item);
            }

            lastPosition = page.Continuation ?? lastPosition;
            progress?.Report(new BackupProgress(Container, checksum.Count + chunk.ItemCount, rawBytes + chunk.RawBytes));
            // Cut at the page's end, never inside it: a checkpoint is a page's continuation, whose items are all written.
            // The feed's last page ends the container, not the slice: no position after it to go on from.
            var over = !page.Last && sliceOver();
            if (chunk.RawBytes >= chunkBytes || (over && chunk.ItemCount > 0))
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (over)
            {
                return await SaveAsync(lastPosition, statistics, done: false, changeFeedEnd: null, cancellationToken).ConfigureAwait(false);
            }

            if (chunks.Count > checkpointedChunks)
            {
                await SaveAsync(lastPosition, statistics, done: false, changeFeedEnd: null, cancellationToken).ConfigureAwait(false);
            }
        }

        if (chunk.ItemCount > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return await SaveAsync(lastPosition, statistics, done: true, changeFeedEnd(lastPosition), cancellationToken).ConfigureAwait(false);
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
        chunks.Add(await writer.WriteChunkAsync(chunk, BackupLayout.ChunkName(Container, chunks.Count, resumeFrom.Range), cancellationToken).ConfigureAwait(false));
    }

    private async Task<ContainerCheckpoint> SaveAsync(string? continuation, FeedStatistics statistics, bool done, string? changeFeedEnd, CancellationToken cancellationToken)
    {
        var state = resumeFrom with
        {
            Continuation = continuation,
            Chunks = [.. chunks],
            Checksum = checksum.ToString(),
            ItemCount = checksum.Count,
            RawBytes = rawBytes,
            LeftOutItems = leftOutItems,
            LeftOutUsers = leftOutUsers.Count,
            RequestCharge = resumeFrom.RequestCharge + statistics.RequestCharge,
            Throttles = resumeFrom.Throttles + statistics.Throttles,
            Done = done,
            ChangeFeedEnd = changeFeedEnd,
        };
        await checkpoint(state, checkpointedChunks, cancellationToken).ConfigureAwait(false);
        checkpointedChunks = chunks.Count;
        return state;
    }
}

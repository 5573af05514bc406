using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// How far a run got with one container, recorded after every chunk it wrote (at a page boundary), so a run killed
/// part-way goes on from here: the feed's continuation, the chunks written, and the checksum and counts so far.
/// </summary>
/// <param name="ChangeFeedStart">Where the container's changes were taken from: kept, so a resumed full backup hands its incrementals the same start.</param>
/// <param name="Continuation">The feed continuation after the last page whose items are all in <paramref name="Chunks"/>; null before the first.</param>
/// <param name="ChangeFeedEnd">Set once the container is done.</param>
public sealed record ContainerCheckpoint(
    string Container,
    string ChangeFeedStart,
    string? Continuation,
    IReadOnlyList<ChunkManifest> Chunks,
    string Checksum,
    long ItemCount,
    long RawBytes,
    long LeftOutItems,
    string? ChangeFeedEnd = null)
{
    public bool Done => ChangeFeedEnd is not null;

    public ContainerManifest ToManifest() => new()
    {
        Name = Container,
        ItemCount = ItemCount,
        RawBytes = RawBytes,
        ContentChecksum = Checksum,
        ChangeFeedStart = ChangeFeedStart,
        ChangeFeedEnd = ChangeFeedEnd ?? throw new InvalidOperationException($"Container {Container} is not done."),
        Chunks = Chunks,
    };
}

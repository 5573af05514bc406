using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// How far a run got with one container, recorded when the run is planned (where its changes are taken from) and
/// after every chunk it wrote (at a page boundary), so a run stopped part-way goes on from here: the feed's
/// continuation, the chunks written, the checksum and counts so far, and what reading cost.
/// </summary>
/// <param name="ChangeFeedStart">Where the container's changes are taken from: set once, when the run is planned.</param>
/// <param name="Continuation">The feed continuation after the last page whose items are all in <paramref name="Chunks"/>; null before the first.</param>
/// <param name="LeftOutUsers">Users whose key rows did not unwrap when the last slice read the key table.</param>
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
    int LeftOutUsers,
    double RequestCharge,
    int Throttles,
    string? ChangeFeedEnd = null)
{
    public bool Done => ChangeFeedEnd is not null;

    /// <summary>A container not read yet, whose changes are taken from <paramref name="changeFeedStart"/>.</summary>
    public static ContainerCheckpoint Planned(string container, string changeFeedStart) =>
        new(container, changeFeedStart, null, [], new ContentChecksum().ToString(), 0, 0, 0, 0, 0, 0);

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

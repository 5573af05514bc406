using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// How far a run got with one part of a container (one feed range for a full backup, the whole change feed for an
/// incremental), recorded when the run is planned (where the container's changes are taken from) and after every
/// chunk it wrote (at a page boundary), so a run stopped part-way goes on from here: the feed's continuation, the
/// chunks written, the checksum and counts so far, and what reading cost.
/// </summary>
/// <param name="Range">The part's index among the container's <paramref name="Ranges"/>.</param>
/// <param name="Ranges">How many parts the container is read in: its feed ranges when the run was planned.</param>
/// <param name="FeedRange">The feed range read (the SDK's JSON form); null for the whole container.</param>
/// <param name="ChangeFeedStart">Where the container's changes are taken from: set once, when the run is planned.</param>
/// <param name="Continuation">The feed continuation after the last page whose items are all in <paramref name="Chunks"/>; null before the first.</param>
/// <param name="LeftOutUsers">Users whose key rows did not unwrap when the last slice read the key table.</param>
/// <param name="Done">Read to the end.</param>
/// <param name="ChangeFeedEnd">An incremental's position after its last change, set once it is done; a full's is taken at its commit.</param>
public sealed record ContainerCheckpoint(
    string Container,
    int Range,
    int Ranges,
    string? FeedRange,
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
    bool Done = false,
    string? ChangeFeedEnd = null)
{
    /// <summary>A part not read yet, whose container's changes are taken from <paramref name="changeFeedStart"/>.</summary>
    public static ContainerCheckpoint Planned(string container, int range, int ranges, string? feedRange, string changeFeedStart) =>
        new(container, range, ranges, feedRange, changeFeedStart, null, [], new ContentChecksum().ToString(), 0, 0, 0, 0, 0, 0);

    /// <summary>The container's part of the manifest, from all its parts, read to their end.</summary>
    /// <param name="changeFeedEnd">Where the next incremental after this one starts: for an incremental, its part's end.</param>
    public static ContainerManifest ToManifest(IReadOnlyList<ContainerCheckpoint> parts, string changeFeedEnd)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var first = parts[0];
        if (parts.Count != first.Ranges || parts.Any(part => !part.Done || part.Container != first.Container))
        {
            throw new InvalidOperationException($"Container {first.Container} is not read to the end in all its {first.Ranges} parts.");
        }

        var checksum = new ContentChecksum();
        foreach (var part in parts)
        {
            checksum.Add(ContentChecksum.Resume(part.Checksum, part.ItemCount));
        }

        return new ContainerManifest
        {
            Name = first.Container,
            ItemCount = checksum.Count,
            RawBytes = parts.Sum(part => part.RawBytes),
            ContentChecksum = checksum.ToString(),
            ChangeFeedStart = first.ChangeFeedStart,
            ChangeFeedEnd = changeFeedEnd,
            Chunks = [.. parts.OrderBy(part => part.Range).SelectMany(part => part.Chunks)],
        };
    }
}

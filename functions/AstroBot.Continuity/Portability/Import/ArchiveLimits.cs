namespace AstroBot.Continuity.Portability.Import;

/// <summary>
/// What an archive may hold before it is treated as a zip bomb: entries, total uncompressed bytes, and how far
/// one entry may expand. The defaults fit an export of five years of daily readings many times over.
/// </summary>
public sealed record ArchiveLimits(int MaxEntries = 32, long MaxTotalBytes = 256L * 1024 * 1024, double MaxCompressionRatio = 100)
{
    public static ArchiveLimits Default { get; } = new();
}

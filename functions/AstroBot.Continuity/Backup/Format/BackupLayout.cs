using System.Globalization;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// Blob names inside the backup container: <c>{database}/{backup id}/manifest.json</c> and
/// <c>{database}/{backup id}/chunks/{container}/{sequence:D6}.chunk</c>, plus one lease blob per database.
/// </summary>
public static class BackupLayout
{
    public const string ManifestFileName = "manifest.json";

    public static string Prefix(string database, string backupId) => $"{database}/{backupId}/";

    public static string Manifest(string database, string backupId) => Prefix(database, backupId) + ManifestFileName;

    /// <summary>
    /// A chunk's name relative to its backup, as the manifest records it: <c>chunks/{container}/{sequence}.chunk</c>, and for the feed ranges after a
    /// container's first (a full backup reads each range on its own) <c>chunks/{container}/{range}-{sequence}.chunk</c>.
    /// </summary>
    public static string ChunkName(string container, int sequence, int range = 0) => range == 0
        ? $"chunks/{container}/{sequence.ToString("D6", CultureInfo.InvariantCulture)}.chunk"
        : $"chunks/{container}/{range.ToString("D3", CultureInfo.InvariantCulture)}-{sequence.ToString("D6", CultureInfo.InvariantCulture)}.chunk";

    public static string Chunk(string database, string backupId, string chunkName) => Prefix(database, backupId) + chunkName;

    /// <summary>The blob whose lease lets one backup of <paramref name="database"/> run at a time.</summary>
    public static string Lock(string database) => $"locks/{database}.lock";
}

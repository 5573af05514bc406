using System.Text;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// Where a chunk belongs: its backup and name. Bound into every seal as associated data, so a chunk or a user
/// block moved to another place (another backup, container or position) fails to open.
/// </summary>
public sealed record ChunkAddress(string BackupId, string ChunkName)
{
    public byte[] ChunkAssociatedData => Encoding.UTF8.GetBytes($"{BackupId}/{ChunkName}");

    public byte[] BlockAssociatedData(string userReference) => Encoding.UTF8.GetBytes($"{BackupId}/{ChunkName}/{userReference}");
}

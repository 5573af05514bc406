namespace AstroBot.Continuity.Backup.Format;

/// <summary>The constants of the chunk layout (docs/backup-format.md), shared by writer and reader.</summary>
internal static class ChunkFormat
{
    /// <summary>The first bytes of every unsealed chunk: "ABK" and the chunk layout version.</summary>
    public static readonly byte[] Magic = "ABK1"u8.ToArray();

    /// <summary>The key id of a block sealed under the backup's data key (items without a user).</summary>
    public const string DataKeyId = "data-key";
}

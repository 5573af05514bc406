namespace AstroBot.Continuity.Backup.Format;

/// <summary>The constants of the chunk layout (docs/backup-format.md), shared by writer and reader.</summary>
internal static class ChunkFormat
{
    /// <summary>The first bytes of every unsealed chunk written now: "ABK" and the chunk layout version, 2 (blocks carry a copy of their wrapped user key).</summary>
    public static readonly byte[] Magic = "ABK2"u8.ToArray();

    /// <summary>The first bytes of a version-1 chunk (manifest format 1), still read: its blocks carry no key copy.</summary>
    public static readonly byte[] MagicVersion1 = "ABK1"u8.ToArray();

    /// <summary>The key id of a block sealed under the backup's data key (items without a user).</summary>
    public const string DataKeyId = "data-key";
}

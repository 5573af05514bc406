namespace AstroBot.Continuity.Portability.Erasure;

/// <summary>What an erasure removed: live items per container, whether a backup key was destroyed, audit records.</summary>
public sealed record ErasureReport(IReadOnlyDictionary<string, int> ItemsDeleted, bool BackupKeyDestroyed, int AuditRecordsDeleted)
{
    public int TotalItemsDeleted => ItemsDeleted.Values.Sum();
}

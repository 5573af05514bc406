namespace AstroBot.Continuity.Portability.Erasure;

/// <summary>
/// What an erasure removed: live items per container, whether a backup key was destroyed, audit records, and how many
/// identifiers (phone numbers, BSUIDs, usernames) the identity directory held for the person.
/// </summary>
public sealed record ErasureReport(IReadOnlyDictionary<string, int> ItemsDeleted, bool BackupKeyDestroyed, int AuditRecordsDeleted, int IdentifiersForgotten)
{
    public int TotalItemsDeleted => ItemsDeleted.Values.Sum();
}

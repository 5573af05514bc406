namespace AstroBot.Continuity.Backup.Reading;

/// <summary>The one wording of "these users' items cannot be opened", for verification and restore alike.</summary>
public static class UnopenableUsers
{
    public static string Describe(int users, long items) =>
        $"{items} items of {users} users cannot be opened: their keys are neither in the user-key table nor copied in the backup, " +
        "and the erasure journal does not say they were erased";
}

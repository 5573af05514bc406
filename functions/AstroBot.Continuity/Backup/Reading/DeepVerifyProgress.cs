namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// How far a deep check of one backup got, carried from one slice of it to the next: the next chunk (by container and
/// chunk index in the manifest), and the counts and problems so far.
/// </summary>
/// <param name="LostUsers">References of users whose items no key opens, so far.</param>
public sealed record DeepVerifyProgress(
    string BackupId,
    bool FromSecondary,
    int Container,
    int Chunk,
    long ContainerItems,
    long Items,
    long Shredded,
    long LostItems,
    IReadOnlyList<string> LostUsers,
    IReadOnlyList<string> Problems,
    bool Done)
{
    public static DeepVerifyProgress Start(string backupId, bool fromSecondary) => new(backupId, fromSecondary, 0, 0, 0, 0, 0, 0, [], [], Done: false);

    /// <summary>The check ended early: nothing past this can be trusted.</summary>
    public DeepVerifyProgress EndedBy(string problem) => this with { Problems = [.. Problems, problem], Done = true };

    public VerifyReport ToReport() => new(
        BackupId,
        VerifyLevel.Deep,
        FromSecondary,
        Items,
        Shredded,
        LostItems > 0 ? [.. Problems, $"Backup {BackupId}: {UnopenableUsers.Describe(LostUsers.Count, LostItems)}."] : Problems);
}

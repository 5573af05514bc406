namespace AstroBot.Continuity.Backup.Reading;

/// <summary>What verifying one backup found. <see cref="Problems"/> name the chunk and what is wrong with it.</summary>
public sealed record VerifyReport(string BackupId, VerifyLevel Level, bool FromSecondary, long ItemsChecked, long ShreddedItems, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public string Summary => IsValid
        ? $"{Level.ToString().ToLowerInvariant()}: ok"
        : $"{Level.ToString().ToLowerInvariant()}: {Problems.Count} problem(s): {Problems[0]}";
}

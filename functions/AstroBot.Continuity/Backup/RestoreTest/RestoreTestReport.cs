namespace AstroBot.Continuity.Backup.RestoreTest;

/// <summary>What a restore test found, container by container.</summary>
public sealed record RestoreTestReport(string BackupId, string ScratchDatabase, TimeSpan Duration, IReadOnlyList<ContainerComparison> Containers, string? Error)
{
    public bool Passed => Error is null && Containers.All(container => container.Matches);

    public string Summary => Passed
        ? $"passed: {Containers.Sum(container => container.Restored)} items in {Duration.TotalSeconds:F1} s"
        : $"failed: {Error ?? string.Join("; ", Containers.Where(container => !container.Matches).Select(container => container.Problem))}";
}

/// <summary>One container: counts and checksums recorded at backup time against what the scratch database holds.</summary>
public sealed record ContainerComparison(string Container, long Expected, long Restored, string ExpectedChecksum, string RestoredChecksum, long Shredded)
{
    /// <summary>Erased users' items are shredded, so with any shredded the checksum cannot match and only counts are compared.</summary>
    public bool Matches => Restored + Shredded == Expected && (Shredded > 0 || ExpectedChecksum == RestoredChecksum);

    public string? Problem => Matches
        ? null
        : Restored + Shredded != Expected
            ? $"{Container}: {Restored} items restored (+{Shredded} shredded), the backup holds {Expected}"
            : $"{Container}: the restored content's checksum differs from the backup's";
}

namespace AstroBot.Continuity.Backup.Retention;

/// <summary>What a retention run did (or, in a dry run, would do), for the CLI, the HTTP API and the logs.</summary>
public sealed record PruneReport
{
    public required bool DryRun { get; init; }

    /// <summary>Backups whose files were deleted and whose entries are now pruned; in a dry run, those that would be.</summary>
    public IReadOnlyList<PruneReportItem> Pruned { get; init; } = [];

    /// <summary>Backups retention would prune but whose blobs are still immutable: kept until a later run.</summary>
    public IReadOnlyList<PruneReportItem> SkippedImmutable { get; init; } = [];

    public IReadOnlyList<PruneReportItem> Kept { get; init; } = [];

    /// <summary>Why nothing was done (a backup of the database is running), or null when the run went ahead.</summary>
    public string? Message { get; init; }
}

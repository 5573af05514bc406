namespace AstroBot.Continuity.Backup.Restore;

/// <summary>A checked restore, ready to run: every backup in order, every chunk a step, and the target.</summary>
public sealed record RestorePlan
{
    public required string RestoreId { get; init; }

    public required string SourceDatabase { get; init; }

    public required string TargetDatabase { get; init; }

    public string? WaId { get; init; }

    /// <summary>The backups applied, oldest first: a full backup, then its incrementals.</summary>
    public required IReadOnlyList<string> BackupIds { get; init; }

    /// <summary>The data is consistent as of the last backup's completion.</summary>
    public required DateTimeOffset ConsistentAt { get; init; }

    public required IReadOnlyList<RestoreStep> Steps { get; init; }
}

/// <summary>One chunk to restore.</summary>
public sealed record RestoreStep(string BackupId, string Container, string ChunkName, int ItemCount);

/// <summary>
/// What one step wrote, and what it did not: items of erased users (shredded: the erasure journal names them, and
/// their blocks are never opened) and, in a one-user restore, everyone else's.
/// </summary>
/// <param name="RecoveredItems">Of <paramref name="ItemsWritten"/>, those opened with the backup's copy of the user key (the table lacked it).</param>
public sealed record RestoreStepResult(string Container, long ItemsWritten, long ShreddedItems, long LeftOutItems, bool AlreadyDone, long RecoveredItems = 0);

/// <summary>What a whole restore did.</summary>
public sealed record RestoreOutcome(
    string RestoreId,
    string TargetDatabase,
    IReadOnlyList<string> BackupIds,
    DateTimeOffset ConsistentAt,
    long ItemsWritten,
    long ShreddedItems,
    long RecoveredItems,
    IReadOnlyDictionary<string, long> NotRestoredByContainer);

/// <summary>How far a restore has come, for a progress bar.</summary>
public sealed record RestoreStepProgress(RestorePlan Plan, int StepsDone, long ItemsWritten);

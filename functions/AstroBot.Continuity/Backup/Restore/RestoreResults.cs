namespace AstroBot.Continuity.Backup.Restore;

/// <summary>What checking one step found before anything is written: the items no key opens.</summary>
public sealed record RestoreStepCheck(long LostItems);

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
public sealed record RestoreStepProgress(RestoreStart Start, int StepsDone, long ItemsWritten);

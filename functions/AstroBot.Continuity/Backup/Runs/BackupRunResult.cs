using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>How a backup run ended.</summary>
public enum BackupRunOutcome
{
    /// <summary>The manifest is written: the backup exists.</summary>
    Committed,

    /// <summary>Nothing to do now: an incremental has no full backup to build on yet.</summary>
    Skipped,

    /// <summary>The run stopped; no backup is visible and its partial files are removed (now or by the next run).</summary>
    Failed,

    /// <summary>
    /// Not run: another run holds the database's lease (the message says what is known of it). A timer waits for its
    /// next occurrence; the CLI waits out a lease that may belong to a run that died.
    /// </summary>
    LeaseHeld,
}

/// <summary>The outcome of one run, with its catalog entry when there is one.</summary>
public sealed record BackupRunResult(BackupRunOutcome Outcome, string Message, BackupCatalogEntry? Entry);

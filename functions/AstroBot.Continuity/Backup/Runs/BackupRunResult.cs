using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>How a backup run ended.</summary>
public enum BackupRunOutcome
{
    /// <summary>The manifest is written: the backup exists.</summary>
    Committed,

    /// <summary>Nothing to do now: another run holds the lease, or an incremental has no full backup to build on.</summary>
    Skipped,

    /// <summary>The run stopped; no backup is visible and its partial files are removed (now or by the next run).</summary>
    Failed,
}

/// <summary>The outcome of one run, with its catalog entry when there is one.</summary>
public sealed record BackupRunResult(BackupRunOutcome Outcome, string Message, BackupCatalogEntry? Entry);

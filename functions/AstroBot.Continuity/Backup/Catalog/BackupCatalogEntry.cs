namespace AstroBot.Continuity.Backup.Catalog;

/// <summary>One backup as the catalog knows it: state, figures of the run, and the results of checks since.</summary>
public sealed record BackupCatalogEntry
{
    public required string Database { get; init; }

    public required string BackupId { get; init; }

    public BackupKind Kind => new BackupId(BackupId).Kind;

    public required BackupState State { get; init; }

    public string? BaseBackupId { get; init; }

    public string? ParentBackupId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long ItemCount { get; init; }

    public long RawBytes { get; init; }

    public long StoredBytes { get; init; }

    public int ChunkCount { get; init; }

    public double RequestCharge { get; init; }

    public int Throttles { get; init; }

    /// <summary>Why the run failed, or what retention skipped; never personal data.</summary>
    public string? Error { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>"quick" or "deep" and its outcome, e.g. "deep: ok".</summary>
    public string? VerifyResult { get; init; }

    public DateTimeOffset? RestoreTestedAt { get; init; }

    public string? RestoreTestResult { get; init; }

    public TimeSpan? Duration => CompletedAt - StartedAt;

    /// <summary>Committed or verified: the backup exists and can be restored.</summary>
    public bool IsUsable => State is BackupState.Committed or BackupState.Verified;
}

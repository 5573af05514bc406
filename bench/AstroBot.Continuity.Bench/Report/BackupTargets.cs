namespace AstroBot.Continuity.Bench.Report;

/// <summary>The targets for backups ("Automated backups", performance section).</summary>
internal static class BackupTargets
{
    /// <summary>A full backup takes at most this many times the slower of the bare read and the bare upload.</summary>
    public const double BackupOverBareMax = 1.3;

    /// <summary>A restore takes at most this many times the bare insert.</summary>
    public const double RestoreOverBareMax = 1.3;

    /// <summary>The webhook acknowledgement p99 during a backup is at most this many times the idle p99.</summary>
    public const double WebhookP99RatioMax = 1.10;

    /// <summary>The archive is at most this share of the raw JSON.</summary>
    public const double ArchiveShareMax = 0.35;
}

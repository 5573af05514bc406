using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Backup.Health;

/// <summary>The state of the backups against the alert thresholds (<c>continuity status</c>, the HTTP status, the gauges).</summary>
public sealed record BackupHealthReport(
    string Database,
    DateTimeOffset CheckedAt,
    BackupCatalogEntry? NewestVerifiedFull,
    BackupCatalogEntry? NewestIncremental,
    BackupCatalogEntry? NewestFailed,
    DateTimeOffset? GeoLastSyncTime,
    IReadOnlyList<string> Problems)
{
    public TimeSpan? VerifiedFullAge => CheckedAt - NewestVerifiedFull?.CompletedAt;

    public TimeSpan? IncrementalAge => CheckedAt - NewestIncremental?.CompletedAt;

    public TimeSpan? GeoReplicationLag => CheckedAt - GeoLastSyncTime;

    public bool IsHealthy => Problems.Count == 0;
}

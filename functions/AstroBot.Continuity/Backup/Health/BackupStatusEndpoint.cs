using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Backup.Health;

/// <summary>
/// <c>GET /api/backup/status</c>: the backup health as JSON, 200 when every threshold holds and 503 when one is
/// crossed, so a plain uptime probe can watch it too. Ids, times and counts only.
/// </summary>
public sealed class BackupStatusEndpoint(BackupHealth health)
{
    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        var body = new
        {
            healthy = report.IsHealthy,
            database = report.Database,
            checked_at = report.CheckedAt,
            newest_verified_full = report.NewestVerifiedFull?.BackupId,
            newest_verified_full_age_seconds = report.VerifiedFullAge?.TotalSeconds,
            newest_incremental = report.NewestIncremental?.BackupId,
            newest_incremental_age_seconds = report.IncrementalAge?.TotalSeconds,
            newest_failure = report.NewestFailed?.BackupId,
            geo_last_sync_time = report.GeoLastSyncTime,
            geo_replication_lag_seconds = report.GeoReplicationLag?.TotalSeconds,
            problems = report.Problems,
        };
        return Results.Json(body, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Health;

/// <summary>
/// Checks the backups against the thresholds the alert rules use (newest verified full, newest incremental,
/// geo-replication lag), refreshes the gauges those rules watch, and says what is wrong in words.
/// </summary>
public sealed class BackupHealth(
    BackupCatalog catalog,
    GeoReplication geoReplication,
    BackupTelemetry telemetry,
    IOptions<BackupOptions> backupOptions,
    IOptions<CosmosOptions> cosmosOptions,
    TimeProvider time,
    ILogger<BackupHealth> logger)
{
    public async Task<BackupHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var options = backupOptions.Value;
        var database = cosmosOptions.Value.DatabaseName;
        var entries = await catalog.ListAsync(database, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var report = new BackupHealthReport(
            database,
            now,
            entries.LastOrDefault(entry => entry.State == BackupState.Verified && entry.Kind == BackupKind.Full),
            entries.LastOrDefault(entry => entry.IsUsable && entry.Kind == BackupKind.Incremental),
            entries.LastOrDefault(entry => entry.State == BackupState.Failed),
            await geoReplication.LastSyncTimeAsync(cancellationToken).ConfigureAwait(false),
            []);
        var problems = new List<string>();
        Check(report.VerifiedFullAge, options.FullBackupMaxAge, "verified full backup", problems);
        Check(report.IncrementalAge, options.IncrementalBackupMaxAge, "incremental backup", problems);
        if (report.GeoLastSyncTime is null && geoReplication.IsConfigured)
        {
            problems.Add("the backup account's secondary region did not report its last sync time (unreachable or not geo-replicated)");
        }
        else if (report.GeoReplicationLag > options.GeoReplicationMaxLag)
        {
            problems.Add($"the backup account's secondary region lags by {Describe(report.GeoReplicationLag.Value)} (limit {Describe(options.GeoReplicationMaxLag)})");
        }

        telemetry.RecordHealth(report.VerifiedFullAge, report.IncrementalAge, report.GeoReplicationLag);
        foreach (var problem in problems)
        {
            LogMessages.BackupUnhealthy(logger, problem);
        }

        return report with { Problems = problems };
    }

    private static void Check(TimeSpan? age, TimeSpan limit, string what, List<string> problems)
    {
        if (age is null)
        {
            problems.Add($"there is no {what} yet");
        }
        else if (age > limit)
        {
            problems.Add($"the newest {what} is {Describe(age.Value)} old (limit {Describe(limit)})");
        }
    }

    private static string Describe(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:F1} h" : $"{span.TotalMinutes:F0} min";
}

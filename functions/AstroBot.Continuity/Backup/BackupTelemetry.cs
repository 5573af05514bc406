using System.Diagnostics;
using System.Diagnostics.Metrics;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Observability;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// The backup metrics: per run (duration, items, bytes, request units, throttles; tagged by kind and outcome) and
/// the three gauges the Azure Monitor alert rules in bicep/ watch, refreshed by the status job.
/// </summary>
public sealed class BackupTelemetry : IDisposable
{
    private readonly Meter meter = new(TelemetryServiceCollectionExtensions.SourceName);
    private readonly Histogram<double> duration;
    private readonly Counter<long> items;
    private readonly Counter<long> bytes;
    private readonly Counter<double> requestUnits;
    private readonly Counter<long> throttles;
    private readonly Counter<long> verifications;
    private double? fullAgeSeconds;
    private double? incrementalAgeSeconds;
    private double? geoLagSeconds;

    public BackupTelemetry()
    {
        duration = meter.CreateHistogram<double>("backup_run_duration_seconds", "s", "How long a backup run took.");
        items = meter.CreateCounter<long>("backup_items", description: "Items written to backups.");
        bytes = meter.CreateCounter<long>("backup_stored_bytes", "By", "Bytes written to backup storage.");
        requestUnits = meter.CreateCounter<double>("backup_request_units", "RU", "Request units backups spent.");
        throttles = meter.CreateCounter<long>("backup_throttles", description: "429 answers backups waited out.");
        verifications = meter.CreateCounter<long>("backup_verifications", description: "Backup verifications, tagged by level and result.");
        meter.CreateObservableGauge("backup_newest_verified_full_age_seconds", () => Observe(fullAgeSeconds), "s");
        meter.CreateObservableGauge("backup_newest_incremental_age_seconds", () => Observe(incrementalAgeSeconds), "s");
        meter.CreateObservableGauge("backup_geo_replication_lag_seconds", () => Observe(geoLagSeconds), "s");
    }

    public void RecordRun(BackupCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tags = new TagList { { "kind", entry.Kind.ToString() }, { "state", entry.State.ToString() } };
        duration.Record(entry.Duration?.TotalSeconds ?? 0, tags);
        items.Add(entry.ItemCount, tags);
        bytes.Add(entry.StoredBytes, tags);
        requestUnits.Add(entry.RequestCharge, tags);
        throttles.Add(entry.Throttles, tags);
    }

    public void RecordVerification(Reading.VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        verifications.Add(1, new TagList { { "level", report.Level.ToString() }, { "valid", report.IsValid } });
    }

    /// <summary>The ages the alert rules compare with their thresholds; null means unknown (never reported).</summary>
    public void RecordHealth(TimeSpan? newestVerifiedFullAge, TimeSpan? newestIncrementalAge, TimeSpan? geoReplicationLag)
    {
        fullAgeSeconds = newestVerifiedFullAge?.TotalSeconds;
        incrementalAgeSeconds = newestIncrementalAge?.TotalSeconds;
        geoLagSeconds = geoReplicationLag?.TotalSeconds;
    }

    public void Dispose() => meter.Dispose();

    private static IEnumerable<Measurement<double>> Observe(double? value) =>
        value is { } known ? [new Measurement<double>(known)] : [];
}

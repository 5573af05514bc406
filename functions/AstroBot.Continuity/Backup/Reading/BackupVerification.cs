using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// Verifies backups and records the results in the catalog: a backup that passes a deep check is Verified. The CLI
/// checks a backup in one go; the daily check (<see cref="BackupVerifyOrchestrator"/>) in slices.
/// </summary>
public sealed class BackupVerification(
    BackupArchives archives,
    BackupCatalog catalog,
    UserKeyStore userKeys,
    ErasureJournal erasures,
    BackupTelemetry telemetry,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<BackupVerification> logger)
{
    /// <summary>Verifies one backup; <paramref name="backupId"/> null means the newest usable one.</summary>
    /// <exception cref="ArgumentException">No such backup in the catalog, or none at all.</exception>
    public async Task<VerifyReport> VerifyAsync(string? backupId, VerifyLevel level, bool fromSecondary, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false);
        var entry = backupId is null
            ? entries.LastOrDefault(candidate => candidate.IsUsable) ?? throw new ArgumentException($"Database '{archives.Database}' has no committed backup to verify.", nameof(backupId))
            : entries.FirstOrDefault(candidate => candidate.BackupId == backupId) ?? throw new ArgumentException($"Backup {backupId} is not in the catalog (see 'continuity backup list').", nameof(backupId));
        return await VerifyEntryAsync(entry, level, fromSecondary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The backups the daily deep verification checks: every committed backup not deep-verified yet, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken) =>
        [.. (await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false))
            .Where(entry => entry.State == BackupState.Committed).Select(entry => entry.BackupId)];

    /// <summary>One slice of a deep check: from where <paramref name="progress"/> stopped, for at most <c>Backup:SliceDuration</c>.</summary>
    public async Task<DeepVerifyProgress> DeepSliceAsync(DeepVerifyProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var started = time.GetTimestamp();
        var reader = await archives.OpenAsync(progress.FromSecondary, cancellationToken).ConfigureAwait(false);
        return await new BackupVerifier(reader, userKeys, erasures)
            .DeepSliceAsync(progress, () => time.GetElapsedTime(started) >= options.Value.SliceDuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a finished deep check in the catalog.</summary>
    /// <exception cref="ArgumentException">The backup is not in the catalog.</exception>
    public async Task<VerifyReport> RecordDeepAsync(DeepVerifyProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var entry = await catalog.FindAsync(archives.Database, progress.BackupId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"Backup {progress.BackupId} is not in the catalog.", nameof(progress));
        var report = progress.ToReport();
        await RecordAsync(entry, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<VerifyReport> VerifyEntryAsync(BackupCatalogEntry entry, VerifyLevel level, bool fromSecondary, CancellationToken cancellationToken)
    {
        var reader = await archives.OpenAsync(fromSecondary, cancellationToken).ConfigureAwait(false);
        var report = await new BackupVerifier(reader, userKeys, erasures).VerifyAsync(entry.BackupId, level, fromSecondary, cancellationToken).ConfigureAwait(false);
        await RecordAsync(entry, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task RecordAsync(BackupCatalogEntry entry, VerifyReport report, CancellationToken cancellationToken)
    {
        var verified = report.IsValid && report.Level == VerifyLevel.Deep && entry.IsUsable;
        await catalog.SaveAsync(
            entry with
            {
                // A backup found damaged is no longer trusted as verified, whatever an earlier check said.
                State = verified ? BackupState.Verified : !report.IsValid && entry.State == BackupState.Verified ? BackupState.Committed : entry.State,
                VerifiedAt = time.GetUtcNow(),
                VerifyResult = report.Summary + (report.FromSecondary ? " (secondary)" : string.Empty),
            },
            cancellationToken).ConfigureAwait(false);
        telemetry.RecordVerification(report);
        LogMessages.BackupVerified(logger, entry.BackupId, report.Level.ToString(), report.IsValid ? "ok" : $"{report.Problems.Count} problem(s)");
    }
}

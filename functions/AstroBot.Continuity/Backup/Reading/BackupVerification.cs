using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>Verifies backups and records the results in the catalog: a backup that passes a deep check is Verified.</summary>
public sealed class BackupVerification(
    BackupArchives archives,
    BackupCatalog catalog,
    UserKeyStore userKeys,
    ErasureJournal erasures,
    BackupTelemetry telemetry,
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

    /// <summary>Deep-verifies every usable backup not deep-verified yet (the daily job).</summary>
    public async Task<IReadOnlyList<VerifyReport>> VerifyPendingAsync(CancellationToken cancellationToken)
    {
        var reports = new List<VerifyReport>();
        foreach (var entry in (await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false)).Where(entry => entry.State == BackupState.Committed))
        {
            reports.Add(await VerifyEntryAsync(entry, VerifyLevel.Deep, fromSecondary: false, cancellationToken).ConfigureAwait(false));
        }

        return reports;
    }

    private async Task<VerifyReport> VerifyEntryAsync(BackupCatalogEntry entry, VerifyLevel level, bool fromSecondary, CancellationToken cancellationToken)
    {
        var reader = await archives.OpenAsync(fromSecondary, cancellationToken).ConfigureAwait(false);
        var report = await new BackupVerifier(reader, userKeys, erasures).VerifyAsync(entry.BackupId, level, fromSecondary, cancellationToken).ConfigureAwait(false);
        var verified = report.IsValid && level == VerifyLevel.Deep && entry.IsUsable;
        await catalog.SaveAsync(
            entry with
            {
                // A backup found damaged is no longer trusted as verified, whatever an earlier check said.
                State = verified ? BackupState.Verified : !report.IsValid && entry.State == BackupState.Verified ? BackupState.Committed : entry.State,
                VerifiedAt = time.GetUtcNow(),
                VerifyResult = report.Summary + (fromSecondary ? " (secondary)" : string.Empty),
            },
            cancellationToken).ConfigureAwait(false);
        telemetry.RecordVerification(report);
        LogMessages.BackupVerified(logger, entry.BackupId, level.ToString(), report.IsValid ? "ok" : $"{report.Problems.Count} problem(s)");
        return report;
    }
}

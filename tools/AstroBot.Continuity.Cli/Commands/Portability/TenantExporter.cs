using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>export --all</c>: every user of the account feed, one at a time (only the current user's data and one page
/// of account ids are ever in memory), each archive written as <see cref="ArchiveFiles.FileNameFor"/> and each
/// export recorded in that user's audit trail, as <c>export --user</c> does.
/// </summary>
internal sealed class TenantExporter(AccountFeed accounts, UserExporter exporter, AuditTrail audit, TimeProvider time)
{
    /// <param name="invalidId">Told about an account whose wa_id cannot be a file name (the id is the operator's to see, never logged).</param>
    public async Task<TenantExportResult> RunAsync(string directory, IProgress<TenantExportProgress>? progress, Action<string> invalidId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invalidId);
        var started = time.GetTimestamp();
        var items = BotDataModel.Containers.ToDictionary(container => container.Name, _ => 0L, StringComparer.Ordinal);
        int users = 0, withoutData = 0, invalid = 0;
        long auditRecords = 0, bytes = 0;
        await foreach (var waId in accounts.WaIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!WhatsAppId.IsValid(waId))
            {
                invalid++;
                invalidId(waId);
                continue;
            }

            var export = await exporter.ExportAsync(waId, cancellationToken).ConfigureAwait(false);
            if (ExportedData.IsEmpty(export.Data))
            {
                withoutData++;
                continue;
            }

            await audit.RecordAsync(waId, AuditEvent.ExportRequested, AuditChannel.Operator, cancellationToken).ConfigureAwait(false);
            // The directory was checked for archives up front (or --force given): a name is this run's own.
            await ArchiveFiles.WriteAsync(Path.Combine(directory, ArchiveFiles.FileNameFor(waId)), export.Archive, overwrite: true, cancellationToken).ConfigureAwait(false);
            users++;
            foreach (var (container, count) in ExportedData.ItemsPerContainer(export.Data))
            {
                items[container] += count;
            }

            auditRecords += export.Data.Audit.Count;
            bytes += export.Archive.LongLength;
            progress?.Report(new TenantExportProgress(users, items.Values.Sum(), bytes, time.GetElapsedTime(started)));
        }

        var elapsed = time.GetElapsedTime(started);
        return new TenantExportResult(
            directory, ArchiveFiles.FileNameFor("{wa_id}"), users, withoutData, invalid, items, items.Values.Sum(), auditRecords, bytes, elapsed, CountingProgress.Rate(users, elapsed));
    }
}

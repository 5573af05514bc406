using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>export --all</c>: every user of the account feed, <see cref="TenantParallelism.UsersInFlight"/> at a time (only
/// their data and one page of account ids are ever in memory), each archive written as
/// <see cref="ArchiveFiles.FileNameFor"/> and each export recorded in that user's audit trail, as <c>export --user</c> does.
/// </summary>
internal sealed class TenantExporter(AccountFeed accounts, UserExporter exporter, AuditTrail audit, TimeProvider time, int usersInFlight = TenantParallelism.UsersInFlight)
{
    /// <param name="invalidId">Told about an account whose wa_id cannot be a file name (the id is the operator's to see, never logged).</param>
    public async Task<TenantExportResult> RunAsync(string directory, IProgress<TenantExportProgress>? progress, Action<string> invalidId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invalidId);
        var tally = new TenantExportTally(time, time.GetTimestamp());
        // The feed is read a page at a time as workers ask for more ids: the tenant is never listed whole. The first
        // failure cancels the other users and is the one thrown, as it was one user at a time.
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = usersInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(accounts.WaIdsAsync(cancellationToken), parallelism, async (waId, ct) =>
        {
            if (!UserKey.IsValid(waId))
            {
                tally.InvalidId(waId, invalidId);
                return;
            }

            var export = await exporter.ExportAsync(waId, ct).ConfigureAwait(false);
            if (ExportedData.IsEmpty(export.Data))
            {
                tally.WithoutData();
                return;
            }

            await audit.RecordAsync(waId, AuditEvent.ExportRequested, AuditChannel.Operator, ct).ConfigureAwait(false);
            // The directory was checked for archives up front (or --force given): a name is this run's own.
            await ArchiveFiles.WriteAsync(Path.Combine(directory, ArchiveFiles.FileNameFor(waId)), export.Archive, overwrite: true, ct).ConfigureAwait(false);
            tally.Written(export.Data, export.Archive.LongLength, progress);
        }).ConfigureAwait(false);

        return tally.Result(directory);
    }
}

using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>import --all</c>: every archive of a directory, one at a time, each checked completely before anything of it
/// is written. A refused archive is reported and skipped; the others are imported.
/// </summary>
internal sealed class TenantImporter(UserImporter importer, TimeProvider time)
{
    public async Task<TenantImportResult> RunAsync(
        string directory, ImportRequest request, IProgress<TenantImportProgress>? progress, Action<ImportRefusal> refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refused);
        var started = time.GetTimestamp();
        var containers = BotDataModel.Containers.ToDictionary(container => container.Name, _ => ImportCounts.None, StringComparer.Ordinal);
        var refusals = new List<ImportRefusal>();
        int archives = 0, imported = 0;
        long auditRecords = 0, records = 0;
        foreach (var path in ArchiveFiles.In(directory))
        {
            archives++;
            var outcome = await ArchiveImport.RunAsync(importer, path, request, cancellationToken).ConfigureAwait(false);
            if (outcome.Report is { } report)
            {
                imported++;
                foreach (var (container, counts) in ImportCounts.PerContainer(report.Changes))
                {
                    containers[container] = containers.GetValueOrDefault(container, ImportCounts.None).Add(counts);
                }

                auditRecords += report.AuditRecords;
                records += report.Changes.Count;
            }
            else
            {
                var refusal = new ImportRefusal(Path.GetFileName(path), outcome.Refusal!);
                refusals.Add(refusal);
                refused(refusal);
            }

            progress?.Report(new TenantImportProgress(archives, refusals.Count, records, time.GetElapsedTime(started)));
        }

        return new TenantImportResult(
            directory, request.DryRun, request.OnConflict, archives, imported, refusals, containers, ImportCounts.Total(containers.Values), auditRecords, time.GetElapsedTime(started));
    }
}

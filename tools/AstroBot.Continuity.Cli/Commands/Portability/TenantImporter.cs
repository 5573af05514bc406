using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>import --all</c>: every archive of a directory, <see cref="TenantParallelism.UsersInFlight"/> at a time (one
/// at a time per user, <see cref="TenantImportTurns"/>), each checked completely before anything of it is written. A
/// refused archive is reported and skipped; the others are imported.
/// </summary>
internal sealed class TenantImporter(UserImporter importer, TimeProvider time, int archivesInFlight = TenantParallelism.UsersInFlight)
{
    public async Task<TenantImportResult> RunAsync(
        string directory, ImportRequest request, IProgress<TenantImportProgress>? progress, Action<ImportRefusal> refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refused);
        var tally = new TenantImportTally(time, time.GetTimestamp());
        var turns = new TenantImportTurns();
        // The directory is listed lazily as workers ask for more archives. The first failure that is not a refusal
        // cancels the other archives and is the one thrown, as it was one at a time.
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = archivesInFlight, CancellationToken = cancellationToken };
        var archives = ArchiveFiles.In(directory).Select((path, order) => (Path: path, Order: (long)order));
        await Parallel.ForEachAsync(archives, parallelism, async (entry, ct) =>
        {
            try
            {
                var archive = ArchiveImport.Read(entry.Path);
                using var turn = await turns.WaitAsync(request.As ?? archive.WaId, ct).ConfigureAwait(false);
                tally.Imported(await importer.ImportAsync(archive, request, ct).ConfigureAwait(false), progress);
            }
            catch (ImportRefusedException exception)
            {
                tally.Refused(entry.Order, new ImportRefusal(Path.GetFileName(entry.Path), exception.Message), refused, progress);
            }
        }).ConfigureAwait(false);

        return tally.Result(directory, request);
    }
}

using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// The running totals of <c>import --all</c>, added to by several archives' imports at once. One lock around each
/// update, its progress report and its refusal notice, so reports are consistent snapshots and notices never
/// interleave; the lock is never held across a round trip.
/// </summary>
internal sealed class TenantImportTally(TimeProvider time, long startedAt)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ImportCounts> containers = BotDataModel.Containers.ToDictionary(container => container.Name, _ => ImportCounts.None, StringComparer.Ordinal);
    private readonly List<(long Order, ImportRefusal Refusal)> refusals = [];
    private int archives;
    private int imported;
    private long auditRecords;
    private long records;

    /// <summary>Counts an imported (or, in a dry run, compared) archive, then reports progress.</summary>
    public void Imported(ImportReport report, IProgress<TenantImportProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(report);
        var perContainer = ImportCounts.PerContainer(report.Changes);
        lock (gate)
        {
            archives++;
            imported++;
            foreach (var (container, counts) in perContainer)
            {
                containers[container] = containers.GetValueOrDefault(container, ImportCounts.None).Add(counts);
            }

            auditRecords += report.AuditRecords;
            records += report.Changes.Count;
            progress?.Report(Progress());
        }
    }

    /// <summary>
    /// Counts a refused archive, tells <paramref name="refused"/>, then reports progress. <paramref name="order"/> is the
    /// archive's place in the directory listing: the result lists refusals in that order, as one at a time did.
    /// </summary>
    public void Refused(long order, ImportRefusal refusal, Action<ImportRefusal> refused, IProgress<TenantImportProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(refused);
        lock (gate)
        {
            archives++;
            refusals.Add((order, refusal));
            refused(refusal);
            progress?.Report(Progress());
        }
    }

    /// <summary>The totals, once every archive is done.</summary>
    public TenantImportResult Result(string directory, ImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (gate)
        {
            var perContainer = new Dictionary<string, ImportCounts>(containers, StringComparer.Ordinal);
            return new TenantImportResult(
                directory,
                request.DryRun,
                request.OnConflict,
                archives,
                imported,
                [.. refusals.OrderBy(entry => entry.Order).Select(entry => entry.Refusal)],
                perContainer,
                ImportCounts.Total(perContainer.Values),
                auditRecords,
                time.GetElapsedTime(startedAt));
        }
    }

    private TenantImportProgress Progress() => new(archives, refusals.Count, records, time.GetElapsedTime(startedAt));
}

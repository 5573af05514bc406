using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// The running totals of <c>export --all</c>, added to by several users' exports at once. One lock around each
/// update and the progress report it makes, so every report is a consistent snapshot and counts never go backwards
/// on the progress line; the lock is held for a few additions, never across a round trip.
/// </summary>
internal sealed class TenantExportTally(TimeProvider time, long startedAt)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> items = BotDataModel.Containers.ToDictionary(container => container.Name, _ => 0L, StringComparer.Ordinal);
    private int users;
    private int withoutData;
    private int invalid;
    private long auditRecords;
    private long bytes;

    /// <summary>Counts a user whose archive was written, then reports progress.</summary>
    public void Written(UserData data, long archiveBytes, IProgress<TenantExportProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        var perContainer = ExportedData.ItemsPerContainer(data);
        lock (gate)
        {
            users++;
            foreach (var (container, count) in perContainer)
            {
                items[container] += count;
            }

            auditRecords += data.Audit.Count;
            bytes += archiveBytes;
            progress?.Report(new TenantExportProgress(users, items.Values.Sum(), bytes, time.GetElapsedTime(startedAt)));
        }
    }

    /// <summary>Counts an account whose user had no data left when exported.</summary>
    public void WithoutData()
    {
        lock (gate)
        {
            withoutData++;
        }
    }

    /// <summary>Counts an account whose wa_id cannot name a file, and tells <paramref name="invalidId"/> (one notice at a time).</summary>
    public void InvalidId(string waId, Action<string> invalidId)
    {
        ArgumentNullException.ThrowIfNull(invalidId);
        lock (gate)
        {
            invalid++;
            invalidId(waId);
        }
    }

    /// <summary>The totals, once every user is done.</summary>
    public TenantExportResult Result(string directory)
    {
        lock (gate)
        {
            var elapsed = time.GetElapsedTime(startedAt);
            var totalItems = items.Values.Sum();
            return new TenantExportResult(
                directory,
                ArchiveFiles.FileNameFor("{wa_id}"),
                users,
                withoutData,
                invalid,
                new Dictionary<string, long>(items, StringComparer.Ordinal),
                totalItems,
                auditRecords,
                bytes,
                elapsed,
                CountingProgress.Rate(users, elapsed));
        }
    }
}

using Azure.Data.Tables;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// Reads the probe records of a time range, for the SLA report and the status page: one query per UTC day partition
/// of the range (31 for a month), a few at a time, every region's records together, in order of sending.
/// </summary>
public sealed class ProbeRecordReader(ProbeTable table)
{
    /// <summary>The longest range one call reads: a bound on the partition queries of one call.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    private const int DayConcurrency = 8;

    /// <summary>
    /// The records of the probes sent in [<paramref name="from"/>, <paramref name="to"/>), oldest first (then by region).
    /// Rows that are not a probe run's (no send time or region) are left out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="MaxRange"/>.</exception>
    public async Task<IReadOnlyList<ProbeRecord>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (to <= from)
        {
            return [];
        }

        if (to - from > MaxRange)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A probe range is at most {MaxRange.TotalDays} days; asked for {(to - from).TotalDays:0.#}.");
        }

        var records = new List<ProbeRecord>();
        await Parallel.ForEachAsync(
            Days(from, to),
            new ParallelOptions { MaxDegreeOfParallelism = DayConcurrency, CancellationToken = ct },
            async (day, token) =>
            {
                foreach (var row in await table.ReadDayAsync(day, token).ConfigureAwait(false))
                {
                    if (ToRecord(row) is { } record && record.SentAt >= from && record.SentAt < to)
                    {
                        lock (records)
                        {
                            records.Add(record);
                        }
                    }
                }
            }).ConfigureAwait(false);

        return [.. records.OrderBy(record => record.SentAt).ThenBy(record => record.Region, StringComparer.Ordinal).ThenBy(record => record.Wamid, StringComparer.Ordinal)];
    }

    /// <summary>The day partitions from <paramref name="from"/>'s UTC day to the day holding the last instant before <paramref name="to"/>.</summary>
    internal static IEnumerable<string> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var last = to.UtcDateTime.AddTicks(-1).Date;
        for (var day = from.UtcDateTime.Date; day <= last; day = day.AddDays(1))
        {
            yield return ProbeTable.PartitionOf(new DateTimeOffset(day, TimeSpan.Zero));
        }
    }

    /// <summary>The record a row holds, or null when the row is not a probe run's.</summary>
    internal static ProbeRecord? ToRecord(TableEntity row)
    {
        if (row.GetDateTimeOffset(ProbeTable.SentAtField) is not { } sentAt || row.GetString(ProbeTable.RegionField) is not { } region)
        {
            return null;
        }

        var completed = row.GetBoolean(ProbeTable.CompletedField) ?? false;
        return new ProbeRecord(
            row.RowKey,
            sentAt,
            region,
            completed,
            Acknowledged: row.GetBoolean(ProbeTable.AcknowledgedField) ?? false,
            StatusCode: row.GetInt32(ProbeTable.StatusCodeField),
            AcknowledgeMilliseconds: row.GetInt64(ProbeTable.AcknowledgeMsField),
            HandedOver: row.GetBoolean(ProbeTable.HandedOverField) ?? false,
            HandOverMilliseconds: row.GetInt64(ProbeTable.HandOverMsField),
            ProcessedRegion: row.GetString(ProbeTable.ProcessedRegionField),
            Up: row.GetBoolean(ProbeTable.UpField) ?? false,
            Error: row.GetString(ProbeTable.ErrorField) ?? (completed ? null : "the probe run has not completed: it is still waiting, or its host stopped while it ran"));
    }
}

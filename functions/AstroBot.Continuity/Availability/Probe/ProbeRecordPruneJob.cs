using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// Daily (<see cref="Schedules.AvailabilityProbePrune"/>), in each region: keeps the probe table bounded (about 1,440 rows a
/// day per region) by deleting the days older than <see cref="ProbeOptions.ProbeRetention"/> (400 days by default: a
/// year of monthly SLA reports and their burn-rate windows). Two regions pruning the shared table delete the same rows;
/// the second finds none.
/// </summary>
public sealed class ProbeRecordPruneJob(
    ProbeTable table,
    IOptions<ProbeOptions> options,
    TimeProvider time,
    ILogger<ProbeRecordPruneJob> logger) : IScheduledJob
{
    public string Name => "AvailabilityProbePrune";

    public ScheduleSetting Schedule => Schedules.AvailabilityProbePrune;

    // A missed prune costs nothing: the next one deletes the same days.
    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => PruneAsync(cancellationToken);

    /// <summary>Deletes the days before now − retention; returns how many rows went.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.Value.ProbeRetention;
        var deleted = await table.PruneAsync(before, ct).ConfigureAwait(false);
        LogMessages.ProbeRecordsPruned(logger, deleted, ProbeTable.PartitionOf(before));
        return deleted;
    }
}

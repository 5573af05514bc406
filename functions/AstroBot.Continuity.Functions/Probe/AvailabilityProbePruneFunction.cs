using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Probe;

/// <summary>
/// Daily, in each region: deletes the probe records older than <c>Availability:ProbeRetention</c> from the shared probe
/// table. The schedule is the app setting <c>AvailabilityProbePruneSchedule</c>, the one the local host reads for the same job.
/// </summary>
public sealed class AvailabilityProbePruneFunction(ProbeRecordPruneJob prune)
{
    [Function("AvailabilityProbePrune")]
    public Task RunAsync([TimerTrigger(Schedules.AvailabilityProbePruneTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        prune.RunAsync(cancellationToken);
}

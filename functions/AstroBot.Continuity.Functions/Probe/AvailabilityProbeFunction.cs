using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Probe;

/// <summary>
/// Every minute, in each region: the synthetic availability probe, a signed webhook for the reserved probe user through
/// the public endpoint (<c>Availability:PublicBaseUrl</c>, Front Door), recorded in the probe table. The schedule is the
/// app setting <c>AvailabilityProbeSchedule</c>, the one the local host reads for the same job.
/// </summary>
public sealed class AvailabilityProbeFunction(AvailabilityProbe probe)
{
    [Function("AvailabilityProbe")]
    public Task RunAsync([TimerTrigger(Schedules.AvailabilityProbeTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        probe.RunAsync(cancellationToken);
}

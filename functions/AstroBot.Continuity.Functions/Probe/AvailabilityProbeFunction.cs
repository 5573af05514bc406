using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Functions.Probe;

/// <summary>
/// Every minute, in each region: the synthetic availability probe, a signed webhook for the reserved probe user through
/// the public endpoint (<c>Availability:PublicBaseUrl</c>, Front Door), recorded in the probe table. The schedule is the
/// app setting <c>AvailabilityProbeSchedule</c>, the one the local host reads for the same job. Each record then goes to
/// the automated failover's probe trigger, with this invocation's Durable client (the local host has its engine's client
/// in DI; a Functions app gets one per invocation).
/// </summary>
public sealed class AvailabilityProbeFunction(AvailabilityProbe probe, IServiceProvider services)
{
    [Function("AvailabilityProbe")]
    public async Task RunAsync(
        [TimerTrigger(Schedules.AvailabilityProbeTrigger)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await probe.ProbeAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            await ActivatorUtilities.CreateInstance<ProbeFailoverTrigger>(services, client).RecordedAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }
}

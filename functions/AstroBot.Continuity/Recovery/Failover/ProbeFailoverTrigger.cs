using AstroBot.Continuity.Availability.Probe;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// The probe as a trigger of the automated failover (an <see cref="IProbeRecordObserver"/>): after each probe run, when
/// the outage evidence says the primary has been down for <c>Recovery:AutoFailover:FailingFor</c>, a probe signal. Needs
/// a Durable Task client: the local host registers it as an observer with its engine's client from DI; the Functions
/// app's probe timer makes one per run with the invocation's client.
/// A failure is logged, never thrown: the probe's record is written already.
/// </summary>
public sealed class ProbeFailoverTrigger(
    IRegionOutage outage, AutoFailoverStarter starter, DurableTaskClient client, IOptions<AutoFailoverOptions> options, ILogger<ProbeFailoverTrigger> logger)
    : IProbeRecordObserver
{
    public async Task RecordedAsync(ProbeRecord record, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return; // nothing to read for: every signal would answer disabled
        }

        try
        {
            var reading = await outage.ReadAsync(ct).ConfigureAwait(false);
            if (reading.PrimaryDown)
            {
                var result = await starter.SignalAsync(new FailoverSignal(FailoverSignals.Probe, reading.Said), client, ct).ConfigureAwait(false);
                LogMessages.AutoFailoverSignalled(logger, FailoverSignals.Probe, result);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogMessages.AutoFailoverTriggerFailed(logger, exception.GetType().Name);
        }
    }
}

using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Failover;

/// <summary>
/// The automated failover's orchestration and activities as Durable Functions: thin wrappers over the one body in the core
/// (<see cref="AutoFailoverOrchestrator.RunBodyAsync"/>) and the activities' steps, under the names the local host
/// registers them with.
/// </summary>
public sealed class AutoFailoverOrchestrationFunctions(
    FailoverDecisionLog log, IRegionOutage outage, IncidentControl incidents, IncidentStore incidentStore, FailoverSwitch failoverSwitch)
{
    [Function(nameof(AutoFailoverOrchestrator))]
    public static Task<string> OrchestrateAsync([OrchestrationTrigger] TaskOrchestrationContext context, AutoFailoverStart start) =>
        AutoFailoverOrchestrator.RunBodyAsync(context, start);

    [Function(nameof(RecordFailoverDecisionActivity))]
    public Task<FailoverDecision> RecordAsync([ActivityTrigger] FailoverNote note, CancellationToken cancellationToken) =>
        log.RecordAsync(note, cancellationToken);

    [Function(nameof(ReadRegionOutageActivity))]
    public Task<OutageReading> ReadOutageAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        outage.ReadAsync(cancellationToken);

    [Function(nameof(ReadLastFailoverSwitchActivity))]
    public Task<DateTimeOffset?> ReadLastSwitchAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        log.LastSwitchAsync(cancellationToken);

    [Function(nameof(OpenFailoverIncidentActivity))]
    public Task<string> OpenIncidentAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        OpenFailoverIncidentActivity.OpenAsync(incidents, incidentStore, cancellationToken);

    [Function(nameof(SwitchToSecondaryActivity))]
    public Task<string> SwitchAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        failoverSwitch.SwitchAsync(cancellationToken);

    [Function(nameof(VerifyFailoverPathActivity))]
    public Task<string> VerifyAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        failoverSwitch.VerifyAsync(cancellationToken);
}

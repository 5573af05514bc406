using AstroBot.Continuity.Availability.Incidents;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Failover;

// The automated failover's activities: each a thin call into its step, registered under its class name.

public sealed class RecordFailoverDecisionActivity(FailoverDecisionLog log) : TaskActivity<FailoverNote, FailoverDecision>
{
    public override Task<FailoverDecision> RunAsync(TaskActivityContext context, FailoverNote input) => log.RecordAsync(input, CancellationToken.None);
}

public sealed class ReadRegionOutageActivity(IRegionOutage outage) : TaskActivity<string, OutageReading>
{
    public override Task<OutageReading> RunAsync(TaskActivityContext context, string input) => outage.ReadAsync(CancellationToken.None);
}

public sealed class ReadLastFailoverSwitchActivity(FailoverDecisionLog log) : TaskActivity<string, DateTimeOffset?>
{
    public override Task<DateTimeOffset?> RunAsync(TaskActivityContext context, string input) => log.LastSwitchAsync(CancellationToken.None);
}

/// <summary>Opens the incident of the outage (or finds the one open already: the alert or the probe may have opened it); returns its id.</summary>
public sealed class OpenFailoverIncidentActivity(IncidentControl control, IncidentStore store) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => OpenAsync(control, store, CancellationToken.None);

    /// <summary>The body, also called by the Functions app's thin <c>[ActivityTrigger]</c>.</summary>
    public static async Task<string> OpenAsync(IncidentControl control, IncidentStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(store);
        await control.OpenAutomaticallyAsync(AutoFailoverOrchestrator.IncidentOpener, alertRule: null, ct).ConfigureAwait(false);
        return await store.ReadCurrentAsync(ct).ConfigureAwait(false) is { IsOpen: true } open ? open.Id : throw new InvalidOperationException("No incident is open after opening one.");
    }
}

public sealed class SwitchToSecondaryActivity(FailoverSwitch failoverSwitch) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => failoverSwitch.SwitchAsync(CancellationToken.None);
}

public sealed class VerifyFailoverPathActivity(FailoverSwitch failoverSwitch) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => failoverSwitch.VerifyAsync(CancellationToken.None);
}

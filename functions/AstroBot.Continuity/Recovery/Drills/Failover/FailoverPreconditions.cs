using System.Globalization;
using AstroBot.Continuity.Availability.Incidents;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// Whether a failover drill may switch anything: a region switch is configured, the canaries have a public endpoint,
/// the traffic is on the primary, the secondary answers its readiness route directly, the replication lag is at most
/// <c>Recovery:Failover:MaxReplicationLag</c>, and no incident is open (one drill at a time is the gate's). The first
/// that does not hold refuses the drill with its reason; the ones that hold are the drill's facts.
/// </summary>
public sealed class FailoverPreconditions(
    RegionSwitchChoice choice,
    IEnumerable<IReplicationLag> lags,
    CanaryWebhooks webhooks,
    IncidentStore incidents,
    DrillRecorder recorder,
    RegionReadiness readiness,
    IOptions<FailoverDrillOptions> options)
{
    /// <summary>The fact with the regions' order at the start, priority 1 first, comma-separated: what fail-back and clean-up restore.</summary>
    public const string OriginalOrderFact = "original_order";

    /// <summary>The named HttpClient the secondary's readiness is asked with.</summary>
    public const string HttpClientName = "FailoverDrill";

    /// <exception cref="InvalidOperationException">A precondition does not hold: the message is the drill's reason.</exception>
    public async Task<FailoverPlan> CheckAsync(DrillStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var regionSwitch = choice.Switch ?? throw Refused(choice.Missing);
        if (webhooks.PublicEndpoint is null)
        {
            throw Refused("Availability:PublicBaseUrl is not set: the canaries must go through the public endpoint (Front Door, or the local front door)");
        }

        RegionLayout layout;
        try
        {
            layout = await regionSwitch.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (RegionSwitchException exception)
        {
            throw Refused($"the regions could not be read from {regionSwitch.Describe}: {exception.Message}");
        }

        if (layout.Regions.Count < 2)
        {
            throw Refused($"{regionSwitch.Describe} has {layout.Regions.Count} region; a failover needs two");
        }

        var order = layout.Order;
        if (layout.Serving != order[0])
        {
            throw Refused($"the traffic is not on the primary {order[0]} but on {layout.Serving ?? "no region"}: a real failover may be under way");
        }

        var secondary = layout.Regions.Single(region => region.Name == order[1]);
        var ready = await ReadinessAsync(secondary, ct).ConfigureAwait(false);
        var lag = await ReplicationLagAsync(ct).ConfigureAwait(false);
        if (await incidents.ReadCurrentAsync(ct).ConfigureAwait(false) is { IsOpen: true } incident)
        {
            throw Refused($"incident {incident.Id} is open ({incident.Message}): a drill now would muddle it");
        }

        await recorder.NoteAsync(start.DrillId, new Dictionary<string, string>
        {
            [OriginalOrderFact] = string.Join(',', order),
            ["switch"] = regionSwitch.Describe,
            ["secondary_readiness"] = ready,
            ["replication_lag"] = lag,
        }, ct).ConfigureAwait(false);
        return new FailoverPlan(start.DrillId, order, options.Value.HoldOnSecondary);
    }

    private async Task<string> ReadinessAsync(RegionPlace secondary, CancellationToken ct) =>
        await readiness.ProblemAsync(secondary, ct).ConfigureAwait(false) is { } problem
            ? throw Refused(problem)
            : $"{secondary.Name} ready at {RegionReadiness.ReadyUrl(secondary.Url!)}";

    private async Task<string> ReplicationLagAsync(CancellationToken ct)
    {
        var source = lags.LastOrDefault()
            ?? throw Refused("the replication lag cannot be read: this host has no source of it (in Azure: not built yet)");
        var reading = await source.ReadAsync(ct).ConfigureAwait(false);
        var max = options.Value.MaxReplicationLag;
        var said = $"{Seconds(reading.Lag)} ({reading.Source})";
        return reading.Lag <= max
            ? said
            : throw Refused($"the replication lag is {said}, over Recovery:Failover:MaxReplicationLag {Seconds(max)}");
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static InvalidOperationException Refused(string reason) => new($"Refused, nothing switched: {reason}.");
}

using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Recovery.Drills.Failover;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// The outage as the probe's records and the region switch show it: the primary is down when every completed probe
/// record of the last <c>Recovery:AutoFailover:FailingFor</c> was down (at least two: one failure is not an outage), and
/// the secondary is ready when it answers its readiness route at its own URL (<see cref="RegionReadiness"/>).
/// </summary>
public sealed class ProbeRegionOutage(
    ProbeRecordReader records, RegionSwitchChoice choice, RegionReadiness readiness, IOptions<AutoFailoverOptions> options, TimeProvider time)
    : IRegionOutage
{
    public async Task<OutageReading> ReadAsync(CancellationToken ct)
    {
        var failingFor = options.Value.FailingFor;
        var now = time.GetUtcNow();
        RecordsSay probe = Judge(await records.ReadAsync(now - failingFor, now + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false), failingFor);
        if (choice.Switch is not { } regionSwitch)
        {
            return new OutageReading(probe.Down, false, null, null, $"{probe.Said}; {choice.Missing}");
        }

        RegionLayout layout;
        try
        {
            layout = await regionSwitch.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (RegionSwitchException exception)
        {
            return new OutageReading(probe.Down, false, null, null, $"{probe.Said}; the regions could not be read from {regionSwitch.Describe}: {exception.Message}");
        }

        if (layout.Regions.Count < 2)
        {
            return new OutageReading(probe.Down, false, layout.Order.FirstOrDefault(), null, $"{probe.Said}; {regionSwitch.Describe} has {layout.Regions.Count} region");
        }

        var order = layout.Order;
        var secondary = layout.Regions.Single(region => region.Name == order[1]);
        var problem = await readiness.ProblemAsync(secondary, ct).ConfigureAwait(false);
        return new OutageReading(probe.Down, problem is null, order[0], order[1], $"{probe.Said}; {problem ?? $"the secondary {order[1]} is ready"}");
    }

    /// <summary>What completed probe records of the window say about the primary.</summary>
    internal static RecordsSay Judge(IReadOnlyList<ProbeRecord> window, TimeSpan failingFor)
    {
        ArgumentNullException.ThrowIfNull(window);
        var completed = window.Where(record => record.Completed).ToList();
        var down = completed.Count(record => !record.Up);
        var minutes = failingFor.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return completed.Count >= 2 && down == completed.Count
            ? new RecordsSay(true, $"the probe was down in all {down} runs of the last {minutes} min")
            : new RecordsSay(false, $"the probe was down in {down} of {completed.Count} runs of the last {minutes} min");
    }

    internal sealed record RecordsSay(bool Down, string Said);
}

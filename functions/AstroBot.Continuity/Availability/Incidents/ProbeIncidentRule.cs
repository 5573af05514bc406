using AstroBot.Continuity.Availability.Probe;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// Incidents the probe opens and resolves, after each of its runs (an <see cref="IProbeRecordObserver"/>): when the last
/// <c>Incidents:OpenAfterProbeFailures</c> completed records of every region were all down and no incident is open, it
/// opens one with <c>Incidents:AutomaticMessage</c>; when the last <c>Incidents:ResolveAfterProbeSuccesses</c> were all up,
/// it resolves the open incident if it opened it itself and no alert that fired during it still fires. An operator's
/// incident is resolved only by an operator. The two counts are what keeps a flapping service from opening and
/// resolving an incident every minute. A failure is logged, never thrown: the probe's record is written already.
/// </summary>
public sealed class ProbeIncidentRule(
    ProbeRecordReader records, IncidentStore store, IncidentControl control, IOptions<IncidentOptions> options, TimeProvider time, ILogger<ProbeIncidentRule> logger)
    : IProbeRecordObserver
{
    /// <inheritdoc />
    public async Task RecordedAsync(ProbeRecord record, CancellationToken ct)
    {
        try
        {
            await ApplyAsync(ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogMessages.IncidentRuleFailed(logger, exception.GetType().Name);
        }
    }

    /// <summary>Reads the latest records and the current incident, and opens or resolves as <see cref="Decide"/> says.</summary>
    public async Task<ProbeIncidentDecision> ApplyAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();

        // Two regions probe once a minute (every 60-90 s during an outage): this many minutes hold the records wanted.
        var lookBack = TimeSpan.FromMinutes((2 * Math.Max(settings.OpenAfterProbeFailures, settings.ResolveAfterProbeSuccesses)) + 5);
        var recent = await records.ReadAsync(now - lookBack, now + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        var current = await store.ReadCurrentAsync(ct).ConfigureAwait(false);
        var decision = Decide([.. recent.Where(record => record.Completed)], current, settings.OpenAfterProbeFailures, settings.ResolveAfterProbeSuccesses);
        switch (decision)
        {
            case ProbeIncidentDecision.Open:
                await control.OpenAutomaticallyAsync(IncidentOpeners.Probe, alertRule: null, ct).ConfigureAwait(false);
                break;
            case ProbeIncidentDecision.Resolve:
                await control.ResolveWhenAsync(
                    open => open.Source == IncidentSource.Probe && open.Alerts.Count == 0, IncidentOpeners.Probe, resolution: null, ct).ConfigureAwait(false);
                break;
        }

        return decision;
    }

    /// <summary>
    /// The rule itself, on completed records oldest first: open when the last <paramref name="openAfter"/> are all down and
    /// nothing is open; resolve when the last <paramref name="resolveAfter"/> are all up and the open incident is the probe's.
    /// </summary>
    public static ProbeIncidentDecision Decide(IReadOnlyList<ProbeRecord> completed, Incident? current, int openAfter, int resolveAfter)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var isOpen = current is { IsOpen: true };
        if (!isOpen && LastAll(completed, openAfter, up: false))
        {
            return ProbeIncidentDecision.Open;
        }

        return isOpen && current!.Source == IncidentSource.Probe && current.Alerts.Count == 0 && LastAll(completed, resolveAfter, up: true)
            ? ProbeIncidentDecision.Resolve
            : ProbeIncidentDecision.None;
    }

    private static bool LastAll(IReadOnlyList<ProbeRecord> completed, int count, bool up) =>
        completed.Count >= count && completed.Skip(completed.Count - count).All(record => record.Up == up);
}

/// <summary>What the probe's records say about incidents.</summary>
public enum ProbeIncidentDecision
{
    /// <summary>Nothing to do.</summary>
    None,

    /// <summary>Failures in a row and nothing open: open one.</summary>
    Open,

    /// <summary>Successes in a row and the probe's incident open: resolve it.</summary>
    Resolve,
}

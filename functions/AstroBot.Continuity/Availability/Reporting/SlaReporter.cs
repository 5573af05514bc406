namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>The SLA report of a month, from the configured source of probe runs (<see cref="IProbeObservationSource"/>) and the clock.</summary>
public sealed class SlaReporter(IProbeObservationSource source, TimeProvider time)
{
    /// <summary>The month that holds now (UTC).</summary>
    public SlaMonth CurrentMonth => SlaMonth.Containing(time.GetUtcNow());

    /// <summary>The report of <paramref name="month"/>, or of the current month when null. A month that has not begun reads nothing.</summary>
    public async Task<SlaReport> ReportAsync(SlaMonth? month, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reported = month ?? SlaMonth.Containing(now);
        var (from, to) = SlaCalculator.ReadRange(reported, now);
        IReadOnlyList<ProbeObservation> observations = to > from ? await source.ReadAsync(from, to, ct).ConfigureAwait(false) : [];
        return SlaCalculator.Compute(reported, now, observations, source.Description);
    }
}

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// Told of each probe record once the run completed it (after <see cref="AvailabilityProbe"/> wrote it): the incident
/// rule (Availability/Incidents) opens and resolves incidents on the probe's records this way. An observer never
/// throws but for cancellation: the run is measured and recorded whatever it does.
/// </summary>
public interface IProbeRecordObserver
{
    /// <summary>Called after <paramref name="record"/> was recorded.</summary>
    Task RecordedAsync(ProbeRecord record, CancellationToken ct);
}

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>Where the SLA report reads the probe's runs: the probe table (<see cref="ProbeTableObservations"/>) or Log Analytics (<see cref="LogAnalytics.LogAnalyticsProbeObservations"/>).</summary>
public interface IProbeObservationSource
{
    /// <summary>What the report names as its source: the table or the workspace.</summary>
    string Description { get; }

    /// <summary>The completed probe runs sent in [<paramref name="from"/>, <paramref name="to"/>), every region's, in any order.</summary>
    Task<IReadOnlyList<ProbeObservation>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

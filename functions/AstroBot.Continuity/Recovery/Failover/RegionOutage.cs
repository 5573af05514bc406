namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>Whether the primary region is out and the secondary could take its traffic, as evidence read now.</summary>
public interface IRegionOutage
{
    Task<OutageReading> ReadAsync(CancellationToken ct);
}

/// <param name="PrimaryDown">The primary has been failing for <c>Recovery:AutoFailover:FailingFor</c>.</param>
/// <param name="SecondaryReady">The secondary answers its readiness route at its own URL.</param>
/// <param name="Primary">The region with priority 1, null when the layout could not be read.</param>
/// <param name="Secondary">The region with priority 2, null when the layout could not be read.</param>
/// <param name="Said">The evidence, in words, for the record.</param>
public sealed record OutageReading(bool PrimaryDown, bool SecondaryReady, string? Primary, string? Secondary, string Said);

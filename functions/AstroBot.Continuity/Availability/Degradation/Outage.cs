namespace AstroBot.Continuity.Availability.Degradation;

/// <summary>A region's current or last outage of a dependency of its inbox.</summary>
/// <param name="Id">Unique per outage: notices are once per user and outage.</param>
/// <param name="Dependency">What failed last (<see cref="DependencyOutage.Describe"/>).</param>
/// <param name="FailingSince">The first failure.</param>
/// <param name="LastFailureAt">The latest failure.</param>
/// <param name="DeclaredAt">When it had lasted <c>Outage:DeclareAfter</c>, from when on users who write are told; null before.</param>
/// <param name="ResolvedAt">When the region's held messages were all processed again; null while open.</param>
public sealed record Outage(
    string Id, string Dependency, DateTimeOffset FailingSince, DateTimeOffset LastFailureAt, DateTimeOffset? DeclaredAt, DateTimeOffset? ResolvedAt)
{
    /// <summary>Not yet resolved: the region's inbox waits for the dependency.</summary>
    public bool IsOpen => ResolvedAt is null;

    /// <summary>Open and declared: users who write are told.</summary>
    public bool IsDeclared => IsOpen && DeclaredAt is not null;
}

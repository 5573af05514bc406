namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// Cosmos DB's forced failover: the failed primary's region taken offline, which takes seconds, where a service-managed
/// failover can take an hour or more (FACTS.md). In Azure <see cref="CosmosForcedFailover"/>; locally <see cref="NoForcedFailover"/>.
/// </summary>
public interface IForcedFailover
{
    /// <summary>Takes the database's <paramref name="region"/> offline; returns what was done, in words.</summary>
    Task<string> TakeOfflineAsync(string region, CancellationToken ct);
}

/// <summary>The local topology's: both regions share one Cosmos DB emulator, so there is no database region to take offline.</summary>
public sealed class NoForcedFailover : IForcedFailover
{
    public Task<string> TakeOfflineAsync(string region, CancellationToken ct) =>
        Task.FromResult($"no Cosmos DB forced failover here (the regions share one database): {region}'s database region left as it is");
}

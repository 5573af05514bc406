namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>What a seed run wrote: items per container name, their request charge (RU) and the wall time.</summary>
public sealed record SeedResult(
    int Users,
    IReadOnlyDictionary<string, long> ItemsPerContainer,
    double RequestCharge,
    TimeSpan Elapsed,
    bool BulkExecution)
{
    public long TotalItems => ItemsPerContainer.Values.Sum();

    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? TotalItems / Elapsed.TotalSeconds : 0;
}

namespace AstroBot.Continuity.Bench;

/// <summary>How much load each round sends; <c>--quick</c> only smoke-tests the harness.</summary>
/// <param name="Concurrencies">The in-flight request counts measured, one round each per scenario.</param>
/// <param name="RequestsPerRound">The most requests one round sends.</param>
/// <param name="MaxRoundDuration">A round also stops after this long, however many requests are left.</param>
/// <param name="WarmUpRequests">Requests per scenario before anything is timed (JIT, connection pools, Azurite).</param>
/// <param name="Quick">True for the smoke-test settings: the figures are not meant to be read.</param>
internal sealed record BenchSettings(
    IReadOnlyList<int> Concurrencies,
    int RequestsPerRound,
    TimeSpan MaxRoundDuration,
    int WarmUpRequests,
    bool Quick)
{
    public static BenchSettings Full { get; } = new([1, 8, 32, 64], 20_000, TimeSpan.FromSeconds(20), 3_000, Quick: false);

    public static BenchSettings QuickSmoke { get; } = new([1, 8], 300, TimeSpan.FromSeconds(3), 200, Quick: true);

    public int MaxConcurrency => Concurrencies.Max();
}

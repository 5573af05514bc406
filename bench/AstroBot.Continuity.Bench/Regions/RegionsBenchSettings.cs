namespace AstroBot.Continuity.Bench.Regions;

/// <summary>How much the regions benchmark does; <c>--quick</c> only smoke-tests the harness.</summary>
/// <param name="Concurrencies">Redundancy cost: the in-flight request counts measured.</param>
/// <param name="Pairs">Redundancy cost: sets of rounds per concurrency, each one round of every scenario, the order reversed every other set.</param>
/// <param name="RequestsPerRound">Redundancy cost: the most requests one round sends.</param>
/// <param name="MaxRoundDuration">Redundancy cost: a round also stops after this long.</param>
/// <param name="WarmUpRequests">Redundancy cost: requests per scenario before anything is timed.</param>
/// <param name="Rate">Failover: webhooks per second, paced (open loop).</param>
/// <param name="Steady">Failover: how long the load runs before the primary is killed.</param>
/// <param name="Outage">Failover: how long the primary stays dead.</param>
/// <param name="AfterFailback">Failover: how long the load goes on once the front door has moved traffic back.</param>
/// <param name="MaxFailbackWait">Failover: the longest wait for the front door to move traffic back after the primary returned.</param>
/// <param name="FirstRetry">Failover: the first of Meta's retries (compressed), doubled at each retry up to <paramref name="MaxRetry"/>.</param>
/// <param name="MaxRetry">Failover: the longest wait between two attempts of one webhook.</param>
/// <param name="ProbeInterval">The front door's probe interval; null: its default (<c>LocalFrontDoorOptions</c>).</param>
/// <param name="RestorationDelay">The front door's restoration delay; null: its default.</param>
/// <param name="VisibilityTimeout">The regions' <c>FrontDoor:VisibilityTimeout</c>; null: the product's default.</param>
/// <param name="Quick">True for the smoke-test settings: the figures are not meant to be read.</param>
internal sealed record RegionsBenchSettings(
    IReadOnlyList<int> Concurrencies,
    int Pairs,
    int RequestsPerRound,
    TimeSpan MaxRoundDuration,
    int WarmUpRequests,
    double Rate,
    TimeSpan Steady,
    TimeSpan Outage,
    TimeSpan AfterFailback,
    TimeSpan MaxFailbackWait,
    TimeSpan FirstRetry,
    TimeSpan MaxRetry,
    TimeSpan? ProbeInterval,
    TimeSpan? RestorationDelay,
    TimeSpan? VisibilityTimeout,
    bool Quick)
{
    /// <summary>
    /// The local front door's and the product's own settings. The failover rate is meant to stay below what one local inbox
    /// pump processes (one message at a time, about 55 a second in the identity benchmark, a few a second when the machine
    /// and Azurite are busy with other people's builds and tests), so the primary's backlog at the kill is what a crash
    /// leaves, not a queue that was growing anyway.
    /// </summary>
    public static RegionsBenchSettings Full { get; } = new(
        [1, 8, 32], Pairs: 5, RequestsPerRound: 5_000, MaxRoundDuration: TimeSpan.FromSeconds(2.5), WarmUpRequests: 2_000,
        Rate: 20, Steady: TimeSpan.FromSeconds(20), Outage: TimeSpan.FromSeconds(30), AfterFailback: TimeSpan.FromSeconds(10),
        MaxFailbackWait: TimeSpan.FromSeconds(60), FirstRetry: TimeSpan.FromMilliseconds(100), MaxRetry: TimeSpan.FromSeconds(1.6),
        ProbeInterval: null, RestorationDelay: null, VisibilityTimeout: null, Quick: false);

    /// <summary>Small and fast: probes every 250 ms, a 1 s restoration delay, messages hidden 2 s after a crash.</summary>
    public static RegionsBenchSettings QuickSmoke { get; } = new(
        [8], Pairs: 1, RequestsPerRound: 300, MaxRoundDuration: TimeSpan.FromSeconds(2), WarmUpRequests: 100,
        Rate: 10, Steady: TimeSpan.FromSeconds(3), Outage: TimeSpan.FromSeconds(4), AfterFailback: TimeSpan.FromSeconds(1),
        MaxFailbackWait: TimeSpan.FromSeconds(20), FirstRetry: TimeSpan.FromMilliseconds(50), MaxRetry: TimeSpan.FromMilliseconds(400),
        ProbeInterval: TimeSpan.FromMilliseconds(250), RestorationDelay: TimeSpan.FromSeconds(1), VisibilityTimeout: TimeSpan.FromSeconds(2), Quick: true);

    public int MaxConcurrency => Concurrencies.Max();
}

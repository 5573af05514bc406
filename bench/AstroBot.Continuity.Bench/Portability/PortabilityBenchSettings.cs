namespace AstroBot.Continuity.Bench.Portability;

/// <summary>The scale of the portability benchmark; <c>--quick</c> only smoke-tests the harness.</summary>
/// <param name="Users">Seeded users exported and imported whole-tenant (<c>continuity seed --users</c>).</param>
/// <param name="ReadingsPerUser">Readings per seeded user (the <c>continuity seed</c> default).</param>
/// <param name="Seed">The seed's random seed (the <c>continuity seed</c> default).</param>
/// <param name="LinkUserReadings">Readings of the user exported through WhatsApp: five years of one a day.</param>
/// <param name="LinkSamples">Exports through WhatsApp timed (each next to a bare sample), after <paramref name="LinkWarmUps"/>.</param>
/// <param name="LinkWarmUps">Exports through WhatsApp (and bare samples) run first and not counted: JIT, connections, the emulators' caches.</param>
/// <param name="ThinkTimeMin">The user answers YES this long after the question at the earliest ...</param>
/// <param name="ThinkTimeMax">... and at the latest (uniformly at random in between).</param>
/// <param name="Quick">True for the smoke-test settings: the figures are not meant to be read.</param>
internal sealed record PortabilityBenchSettings(
    int Users,
    int ReadingsPerUser,
    int Seed,
    int LinkUserReadings,
    int LinkSamples,
    int LinkWarmUps,
    TimeSpan ThinkTimeMin,
    TimeSpan ThinkTimeMax,
    bool Quick)
{
    /// <summary>
    /// The default scale: the seed, the import and the two bare inserts write every item through cosmosdb-server,
    /// a few hundred items a second on this machine, which keeps a run near 10-15 minutes at this many users.
    /// </summary>
    public const int DefaultUsers = 500;

    /// <summary>
    /// A person reads the question and answers it seconds later: by then the local host's queue pumps have backed off
    /// to their longest poll interval (2 s), as they would be on a host with no one else exporting; and at a random
    /// moment of it, not in step with the bench.
    /// </summary>
    public TimeSpan ThinkTime(Random random) => ThinkTimeMin + ((ThinkTimeMax - ThinkTimeMin) * random.NextDouble());

    /// <summary>Five years of daily readings (365 × 5 + a leap day).</summary>
    public const int FiveYearsOfDailyReadings = 1_826;

    public static PortabilityBenchSettings Full(int? users) =>
        new(users ?? DefaultUsers, 10, 22, FiveYearsOfDailyReadings, LinkSamples: 30, LinkWarmUps: 2, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), Quick: false);

    public static PortabilityBenchSettings QuickSmoke(int? users) =>
        new(users ?? 20, 10, 22, LinkUserReadings: 100, LinkSamples: 3, LinkWarmUps: 1, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), Quick: true);
}

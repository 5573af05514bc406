namespace AstroBot.Continuity.Bench.Identity;

/// <summary>How much the identity benchmark sends; <c>--quick</c> only smoke-tests the harness.</summary>
/// <param name="AckConcurrencies">Requests in flight for the acknowledgement comparison, each with its own sets of rounds.</param>
/// <param name="AckSets">Sets of three rounds per concurrency: one kind alone, both interleaved, the other kind alone (which kind goes first alternates).</param>
/// <param name="AckRequestsPerRound">The most webhooks one acknowledgement round sends ...</param>
/// <param name="AckMaxRoundDuration">... and the longest it runs, whichever comes first.</param>
/// <param name="AckWarmUpRequests">Webhooks of each kind acknowledged before anything is timed (JIT, connections, Azurite).</param>
/// <param name="KnownUsers">People already in the directory for the inbox comparison (half phone-number users, half username users).</param>
/// <param name="InboxConcurrencies">Webhooks processed at once for the inbox comparison, one set of rounds each.</param>
/// <param name="InboxRounds">Rounds of each inbox scenario per concurrency, their order rotating.</param>
/// <param name="InboxMessagesPerRound">The most webhooks one inbox round processes ...</param>
/// <param name="InboxMaxRoundDuration">... and the longest it runs, whichever comes first.</param>
/// <param name="Quick">True for the smoke-test settings: the figures are not meant to be read.</param>
internal sealed record IdentityBenchSettings(
    IReadOnlyList<int> AckConcurrencies,
    int AckSets,
    int AckRequestsPerRound,
    TimeSpan AckMaxRoundDuration,
    int AckWarmUpRequests,
    int KnownUsers,
    IReadOnlyList<int> InboxConcurrencies,
    int InboxRounds,
    int InboxMessagesPerRound,
    TimeSpan InboxMaxRoundDuration,
    bool Quick)
{
    /// <summary>
    /// 8-10 minutes on this machine: Azurite acknowledges 250-1,000 webhooks/s and the inbox does several table
    /// operations per message, so rounds are cut by time rather than by count. The acknowledgement's sets are many
    /// because a p99 ratio within 5 % needs tens of thousands of samples on this machine.
    /// </summary>
    public static IdentityBenchSettings Full { get; } = new(
        [1, 16], AckSets: 10, AckRequestsPerRound: 1_500, TimeSpan.FromSeconds(5), AckWarmUpRequests: 1_000,
        KnownUsers: 2_000, [1, 16], InboxRounds: 4, InboxMessagesPerRound: 1_000, TimeSpan.FromSeconds(6), Quick: false);

    public static IdentityBenchSettings QuickSmoke { get; } = new(
        [1, 8], AckSets: 2, AckRequestsPerRound: 100, TimeSpan.FromSeconds(2), AckWarmUpRequests: 50,
        KnownUsers: 60, [1, 8], InboxRounds: 1, InboxMessagesPerRound: 40, TimeSpan.FromSeconds(2), Quick: true);

    public int MaxAckConcurrency => AckConcurrencies.Max();
}

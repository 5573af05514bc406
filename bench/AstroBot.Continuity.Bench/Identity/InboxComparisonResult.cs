using AstroBot.Continuity.Bench.Load;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>Every inbox round of one concurrency, in the order they ran.</summary>
internal sealed record InboxConcurrencyResult(int Concurrency, IReadOnlyList<(InboxScenario Scenario, RoundResult Round)> Rounds)
{
    public PooledRounds Pooled(InboxScenario scenario) => PooledRounds.Of(Rounds.Where(r => r.Scenario == scenario).Select(r => r.Round));

    /// <summary>The interleaved rounds' messages with the directory (even indexes) or without it (odd ones): latencies only.</summary>
    public PooledRounds Interleaved(bool withDirectory) =>
        PooledRounds.Of(Rounds.Where(r => r.Scenario == InboxScenario.Interleaved).Select(r => r.Round.Only(i => i % 2 == (withDirectory ? 0 : 1))));
}

/// <summary>The inbox comparison: how the directory was filled, every concurrency's rounds, and what the checks found.</summary>
/// <param name="Population">The known users' first messages through the inbox, which put them in the directory (not compared).</param>
/// <param name="StorageCalls">Storage requests per message of each kind, counted in an untimed pass after the rounds.</param>
/// <param name="AnswerTimes">How long Azurite took to answer reads and writes in an untimed interleaved round at each concurrency.</param>
/// <param name="Failures">Work items that threw, over all rounds: must be 0.</param>
/// <param name="PersonsInDirectory">People in the directory at the end: the canary's, the known users and every first contact, each once.</param>
internal sealed record InboxComparisonResult(
    int KnownUsers,
    RoundResult Population,
    IReadOnlyList<InboxConcurrencyResult> Results,
    IReadOnlyList<StorageCalls> StorageCalls,
    IReadOnlyList<AnswerTimes> AnswerTimes,
    BotQueueTally KnownUsersChecked,
    BotQueueTally FirstContactsChecked,
    int Failures,
    string? FirstFailure,
    int PersonsInDirectory,
    int PersonsExpected);

using System.Collections.Concurrent;
using System.Globalization;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// Inbox processing with the identity directory against the same work without it. The known users (half phone-number
/// users, half username users) first write once each, which puts them in the directory; then at each concurrency every
/// round runs the five <see cref="InboxScenario"/>s over recorded webhooks from the same senders, their order rotating,
/// each after a full GC. Every product round's messages are then checked in the bot queue.
/// </summary>
internal sealed class InboxComparison(LocalHostTarget host, BenchNames names, IdentityBenchSettings settings, DateTimeOffset startedAt, TextWriter progress)
{
    // First contacts come from user numbers no known user has.
    private const int FirstContactBase = 10_000_000;

    // Messages of each kind in the untimed pass that counts storage requests.
    private const int CountedMessages = 50;

    // Messages of the untimed interleaved round at each concurrency that times Azurite's answers.
    private const int AnswerTimeMessages = 300;
    private static readonly TimeSpan Unbounded = TimeSpan.FromHours(1);

    private readonly RecordedWebhooks recorder = new(startedAt);
    private readonly ConcurrentQueue<string> failures = new();
    private int nextKnown;
    private int nextFirstContact;
    private int firstContactsProcessed;
    private BotQueueTally knownChecked = BotQueueTally.None;
    private BotQueueTally firstChecked = BotQueueTally.None;

    public async Task<InboxComparisonResult> RunAsync(CancellationToken ct)
    {
        var processor = host.Services.GetRequiredService<InboxProcessor>();
        var resolver = host.Services.GetRequiredService<IdentityResolver>();
        var storage = host.Services.GetRequiredService<StorageClients>();
        var botQueue = storage.Queues.GetQueueClient(names.BotQueue);
        var bareQueue = storage.Queues.GetQueueClient(names.BareQueue);
        await bareQueue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await botQueue.ClearMessagesAsync(ct).ConfigureAwait(false); // the canary's reply request
        var widest = settings.InboxConcurrencies.Max();

        progress.WriteLine($"inbox: {settings.KnownUsers:N0} known users write for the first time, {widest} at once, which puts them in the directory");
        var firsts = recorder.Build("first", settings.KnownUsers, BenchSenders.Mixed);
        var population = await LoadGenerator.RunAsync(widest, firsts.Length, Unbounded, Counted((i, c) => processor.ProcessAsync(firsts[i].QueueText, c)), ct).ConfigureAwait(false);
        progress.WriteLine(F($"inbox: directory filled in {population.Elapsed.TotalSeconds:F1} s ({population.Throughput:F0} first messages/s, {population.Failed} failed)"));
        if (population.Failed > 0)
        {
            throw new InvalidOperationException($"The known users' first messages failed: {failures.FirstOrDefault()}");
        }

        await botQueue.ClearMessagesAsync(ct).ConfigureAwait(false);

        // Each known user's person as the directory now gives it: what the bare loop takes from memory and the checks expect.
        var keys = new string[settings.KnownUsers];
        await LoadGenerator.RunAsync(widest, keys.Length, Unbounded, Counted(async (i, c) => keys[i] = (await resolver.ResolveAsync(BenchSenders.Mixed(i), startedAt, c).ConfigureAwait(false)).UserKey), ct)
            .ConfigureAwait(false);
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException($"The known users did not resolve: {failures.First()}");
        }

        var keysByBsuid = Enumerable.Range(0, keys.Length).ToDictionary(i => BenchSenders.Mixed(i).Bsuid!, i => keys[i], StringComparer.Ordinal);
        var bare = new BareInboxWork(
            host.Services.GetRequiredService<MessageLedger>(), host.Services.GetRequiredService<PendingConfirmations>(), bareQueue, keysByBsuid);

        var warmUp = recorder.Build("bare-warm", Math.Min(200, settings.KnownUsers), BenchSenders.Mixed);
        await LoadGenerator.RunAsync(widest, warmUp.Length, Unbounded, Counted((i, c) => bare.ProcessAsync(warmUp[i].QueueText, c)), ct).ConfigureAwait(false);
        await bareQueue.ClearMessagesAsync(ct).ConfigureAwait(false);

        var results = new List<InboxConcurrencyResult>();
        foreach (var concurrency in settings.InboxConcurrencies)
        {
            var rounds = new List<(InboxScenario, RoundResult)>();
            for (var round = 0; round < settings.InboxRounds; round++)
            {
                var label = F($"c{concurrency}r{round}");
                var count = settings.InboxMessagesPerRound;
                var offset = nextKnown;
                nextKnown += count;
                UserIdentifiers Known(int i) => BenchSenders.Mixed((offset + i) % settings.KnownUsers);
                UserIdentifiers SplitBetweenTheTwo(int i) => Known(HalfOfTheSenders(i, count));

                foreach (var scenario in Rotated(round))
                {
                    var result = scenario switch
                    {
                        InboxScenario.KnownUsers => await ProductRoundAsync(label, concurrency, recorder.Build($"known-{label}", count, Known), processor, botQueue, keysByBsuid, ct).ConfigureAwait(false),
                        InboxScenario.FirstContacts => await ProductRoundAsync(label, concurrency, recorder.Build($"new-{label}", count, NextFirstContacts(count)), processor, botQueue, null, ct).ConfigureAwait(false),
                        InboxScenario.Bare => await BareRoundAsync(label, concurrency, recorder.Build($"bare-{label}", count, Known), bare, bareQueue, ct).ConfigureAwait(false),
                        InboxScenario.Interleaved => await InterleavedRoundAsync(label, concurrency, recorder.Build($"mixed-{label}", count, SplitBetweenTheTwo), processor, bare, botQueue, bareQueue, keysByBsuid, ct).ConfigureAwait(false),
                        _ => await TimedAsync("directory alone", label, concurrency, count, Counted((i, c) => resolver.ResolveAsync(Known(i), startedAt, c)), ct).ConfigureAwait(false),
                    };
                    rounds.Add((scenario, result));
                }
            }

            results.Add(new InboxConcurrencyResult(concurrency, rounds));
        }

        var calls = await CountStorageCallsAsync(processor, bare, ct).ConfigureAwait(false);
        var answerTimes = new List<AnswerTimes>();
        foreach (var concurrency in settings.InboxConcurrencies)
        {
            await botQueue.ClearMessagesAsync(ct).ConfigureAwait(false);
            await bareQueue.ClearMessagesAsync(ct).ConfigureAwait(false);
            answerTimes.Add(await MeasureAnswerTimesAsync(concurrency, processor, bare, ct).ConfigureAwait(false));
        }

        await botQueue.ClearMessagesAsync(ct).ConfigureAwait(false);
        await bareQueue.ClearMessagesAsync(ct).ConfigureAwait(false);

        var persons = await CountPersonsAsync(storage, ct).ConfigureAwait(false);
        return new InboxComparisonResult(
            settings.KnownUsers, population, results, calls, answerTimes, knownChecked, firstChecked, failures.Count, failures.FirstOrDefault(), persons, 1 + settings.KnownUsers + firstContactsProcessed);
    }

    // After the timed rounds, one message at a time: what each kind of message costs in storage requests.
    private async Task<IReadOnlyList<StorageCalls>> CountStorageCallsAsync(InboxProcessor processor, BareInboxWork bare, CancellationToken ct)
    {
        var count = Math.Min(CountedMessages, settings.KnownUsers / 2);
        var phoneUsers = recorder.Build("count-phone", count, i => BenchSenders.Mixed(2 * i));
        var usernameUsers = recorder.Build("count-username", count, i => BenchSenders.Mixed((2 * i) + 1));
        var newPhoneUsers = recorder.Build("count-new-phone", count, NextFirstContacts(2 * count, i => 2 * i));
        var newUsernameUsers = recorder.Build("count-new-username", count, NextFirstContacts(2 * count, i => (2 * i) + 1));
        var mixed = recorder.Build("count-bare", 2 * count, i => BenchSenders.Mixed(i));
        firstContactsProcessed += 2 * count;
        progress.WriteLine($"inbox: counting storage requests per message ({count} messages of each kind, one at a time)");
        return
        [
            await StorageCallsPass.CountAsync("known phone-number users, with the directory", names, phoneUsers, processor.ProcessAsync, ct).ConfigureAwait(false),
            await StorageCallsPass.CountAsync("known username users, with the directory", names, usernameUsers, processor.ProcessAsync, ct).ConfigureAwait(false),
            await StorageCallsPass.CountAsync("both kinds, without the directory (bare)", names, mixed, bare.ProcessAsync, ct).ConfigureAwait(false),
            await StorageCallsPass.CountAsync("first contacts, phone-number users", names, newPhoneUsers, processor.ProcessAsync, ct).ConfigureAwait(false),
            await StorageCallsPass.CountAsync("first contacts, username users", names, newUsernameUsers, processor.ProcessAsync, ct).ConfigureAwait(false),
        ];
    }

    // After the timed rounds, an interleaved round as they ran it, timing Azurite's answers to reads and writes.
    private Task<AnswerTimes> MeasureAnswerTimesAsync(int concurrency, InboxProcessor processor, BareInboxWork bare, CancellationToken ct)
    {
        var count = Math.Min(AnswerTimeMessages, settings.KnownUsers);
        var webhooks = recorder.Build(F($"answer-c{concurrency}"), count, i => BenchSenders.Mixed(HalfOfTheSenders(i, count) % settings.KnownUsers));
        return AnswerTimesPass.MeasureAsync(
            concurrency, count, Counted((i, c) => i % 2 == 0 ? processor.ProcessAsync(webhooks[i].QueueText, c) : bare.ProcessAsync(webhooks[i].QueueText, c)), ct);
    }

    private async Task<RoundResult> ProductRoundAsync(
        string label, int concurrency, RecordedWebhooks.Recorded[] webhooks, InboxProcessor processor, QueueClient botQueue,
        IReadOnlyDictionary<string, string>? knownKeys, CancellationToken ct)
    {
        var result = await TimedAsync(knownKeys is null ? "first contacts" : "known users", label, concurrency, webhooks.Length, Counted((i, c) => processor.ProcessAsync(webhooks[i].QueueText, c)), ct)
            .ConfigureAwait(false);
        var processed = result.SucceededIndexes.Select(i => webhooks[i]);
        if (knownKeys is null)
        {
            firstContactsProcessed += result.Succeeded;
            firstChecked = firstChecked.Add(await BotQueueCheck.FirstContactsAsync(botQueue, processed, ct).ConfigureAwait(false));
        }
        else
        {
            knownChecked = knownChecked.Add(await BotQueueCheck.KnownUsersAsync(botQueue, processed, knownKeys, ct).ConfigureAwait(false));
        }

        return result;
    }

    private async Task<RoundResult> BareRoundAsync(
        string label, int concurrency, RecordedWebhooks.Recorded[] webhooks, BareInboxWork bare, QueueClient bareQueue, CancellationToken ct)
    {
        var result = await TimedAsync("bare", label, concurrency, webhooks.Length, Counted((i, c) => bare.ProcessAsync(webhooks[i].QueueText, c)), ct).ConfigureAwait(false);
        await bareQueue.ClearMessagesAsync(ct).ConfigureAwait(false);
        return result;
    }

    private async Task<RoundResult> InterleavedRoundAsync(
        string label, int concurrency, RecordedWebhooks.Recorded[] webhooks, InboxProcessor processor, BareInboxWork bare, QueueClient botQueue, QueueClient bareQueue,
        IReadOnlyDictionary<string, string> knownKeys, CancellationToken ct)
    {
        var result = await TimedAsync(
            "interleaved", label, concurrency, webhooks.Length, Counted((i, c) => i % 2 == 0 ? processor.ProcessAsync(webhooks[i].QueueText, c) : bare.ProcessAsync(webhooks[i].QueueText, c)), ct)
            .ConfigureAwait(false);
        var processed = result.SucceededIndexes.Where(i => i % 2 == 0).Select(i => webhooks[i]);
        knownChecked = knownChecked.Add(await BotQueueCheck.KnownUsersAsync(botQueue, processed, knownKeys, ct).ConfigureAwait(false));
        await bareQueue.ClearMessagesAsync(ct).ConfigureAwait(false);
        return result;
    }

    private async Task<RoundResult> TimedAsync(string scenario, string label, int concurrency, int count, Func<int, CancellationToken, Task<bool>> operation, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var result = await LoadGenerator.RunAsync(concurrency, count, settings.InboxMaxRoundDuration, operation, ct).ConfigureAwait(false);
        progress.WriteLine(F($"  inbox {label,-6} {scenario,-15} {result.Succeeded,6}/{result.Attempted,-6} ok  {result.Throughput,6:F0} msg/s  p50 {result.Latency.P50Ms,7:F2} ms  p99 {result.Latency.P99Ms,7:F2} ms"));
        return result;
    }

    // The next `count` user numbers nobody has used, half phone-number users, half username users; pick picks among them.
    private Func<int, UserIdentifiers> NextFirstContacts(int count, Func<int, int>? pick = null)
    {
        var first = FirstContactBase + nextFirstContact;
        nextFirstContact += count + (count % 2); // even, so user numbers keep their kind (BenchSenders.Mixed)
        return i => BenchSenders.Mixed(first + (pick?.Invoke(i) ?? i));
    }

    // A failure is counted and reported, never thrown into the load generator.
    private Func<int, CancellationToken, Task<bool>> Counted(Func<int, CancellationToken, Task> work) => async (i, c) =>
    {
        try
        {
            await work(i, c).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !c.IsCancellationRequested)
        {
            failures.Enqueue($"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            return false;
        }
    };

    private async Task<int> CountPersonsAsync(StorageClients storage, CancellationToken ct)
    {
        var persons = 0;
        var rows = storage.Tables.GetTableClient(names.IdentityTable).QueryAsync<TableEntity>("RowKey eq 'person'", select: ["PartitionKey"], cancellationToken: ct);
        await foreach (var _ in rows.ConfigureAwait(false))
        {
            persons++;
        }

        return persons;
    }

    // Interleaved, the product takes the even messages and the bare loop the odd ones: each gets its own half of the
    // round's senders (message i's sender number), phone-number and username users alternating within both halves.
    private static int HalfOfTheSenders(int i, int count) => i % 2 == 0 ? i / 2 : (count / 2) + (i / 2);

    // Each round starts with another scenario, so none always runs first or last.
    private static IEnumerable<InboxScenario> Rotated(int round)
    {
        var all = Enum.GetValues<InboxScenario>();
        return Enumerable.Range(0, all.Length).Select(i => all[(i + round) % all.Length]);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

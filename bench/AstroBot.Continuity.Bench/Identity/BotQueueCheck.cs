using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Identity;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>What the checks of the bot queue found over the run: each product round's messages must reach it under the right person.</summary>
/// <param name="Routed">Messages the product processed and the bot queue holds.</param>
/// <param name="Missing">Processed without error but not in the bot queue: must be 0.</param>
/// <param name="WrongPerson">In the bot queue under another key than the one expected (a known user's own, or for a first contact a new key of its own): must be 0.</param>
internal sealed record BotQueueTally(int Routed, int Missing, int WrongPerson)
{
    public static BotQueueTally None { get; } = new(0, 0, 0);

    public BotQueueTally Add(BotQueueTally other) => new(Routed + other.Routed, Missing + other.Missing, WrongPerson + other.WrongPerson);
}

/// <summary>
/// After each product round: reads the bot queue back (<see cref="QueueReadBack"/>), finds each processed message by its
/// wamid and checks the person it was handed to the bot under, then empties the queue for the next round.
/// </summary>
internal static class BotQueueCheck
{
    /// <summary>Known users: every message under the key the directory gave its sender before the clock started.</summary>
    public static Task<BotQueueTally> KnownUsersAsync(
        QueueClient botQueue, IEnumerable<RecordedWebhooks.Recorded> processed, IReadOnlyDictionary<string, string> keysByBsuid, CancellationToken ct) =>
        CheckAsync(botQueue, processed, (webhook, key) => keysByBsuid[webhook.Sender.Bsuid!] == key, ct);

    /// <summary>
    /// First contacts: each sender a new person, keyed by their phone number when they came with one (the directory keeps
    /// phone-number keys) and by a minted key otherwise, no two alike.
    /// </summary>
    public static Task<BotQueueTally> FirstContactsAsync(QueueClient botQueue, IEnumerable<RecordedWebhooks.Recorded> processed, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return CheckAsync(
            botQueue,
            processed,
            (webhook, key) => seen.Add(key) && (webhook.Sender.Phone is { } phone ? key == phone : UserKey.IsMinted(key)),
            ct);
    }

    private static async Task<BotQueueTally> CheckAsync(
        QueueClient botQueue, IEnumerable<RecordedWebhooks.Recorded> processed, Func<RecordedWebhooks.Recorded, string, bool> rightPerson, CancellationToken ct)
    {
        var keysByWamid = (await QueueReadBack.ReadAllAsync(botQueue, ct).ConfigureAwait(false))
            .Select(BotQueueMessage.FromQueueText)
            .GroupBy(message => message.Wamid, StringComparer.Ordinal)
            .ToDictionary(sameWamid => sameWamid.Key, sameWamid => sameWamid.First().UserKey, StringComparer.Ordinal);
        int routed = 0, missing = 0, wrong = 0;
        foreach (var webhook in processed)
        {
            if (!keysByWamid.TryGetValue(webhook.Wamid, out var key))
            {
                missing++;
                continue;
            }

            routed++;
            wrong += rightPerson(webhook, key) ? 0 : 1;
        }

        await botQueue.ClearMessagesAsync(ct).ConfigureAwait(false);
        return new BotQueueTally(routed, missing, wrong);
    }
}

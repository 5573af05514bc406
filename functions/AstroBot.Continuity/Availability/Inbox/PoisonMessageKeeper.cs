using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Gives every message of a poison queue an infinite time-to-live. The Functions runtime moves a message that failed
/// <c>maxDequeueCount</c> times to <c>{queue}-poison</c> with a plain send (the queue extension's
/// <c>AddMessageAndCreateIfNotExistsAsync</c>), so the copy gets the service default of 7 days, and an isolated worker
/// cannot replace the host's queue processor to change that. This re-sends each such copy with
/// <see cref="InfiniteTimeToLive"/> and deletes the expiring one (send first: a crash leaves a duplicate, never a loss).
/// <see cref="PoisonQueueWatch"/> runs it every few minutes, far inside the 7 days.
/// </summary>
internal static class PoisonMessageKeeper
{
    // Messages that already never expire are hidden this long while the scan looks past them, then shown again.
    private static readonly TimeSpan ScanVisibilityTimeout = TimeSpan.FromSeconds(30);
    private const int BatchSize = 32;

    // A bound on one run's work; the next run carries on.
    private const int MaxScannedPerRun = 10_000;

    /// <summary>Re-sends the expiring messages of <paramref name="poison"/>, which holds <paramref name="depth"/> messages.</summary>
    /// <returns>How many were re-sent.</returns>
    public static async Task<int> KeepAsync(QueueClient poison, long depth, CancellationToken ct)
    {
        if (depth == 0 || await AllVisibleNeverExpireAsync(poison, depth, ct).ConfigureAwait(false))
        {
            return 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var copies = new HashSet<string>(StringComparer.Ordinal);
        var hidden = new Dictionary<string, QueueMessage>(StringComparer.Ordinal); // received and staying: shown again at the end
        var kept = 0;
        try
        {
            while (seen.Count < MaxScannedPerRun)
            {
                QueueMessage[] batch = await poison.ReceiveMessagesAsync(BatchSize, ScanVisibilityTimeout, ct).ConfigureAwait(false);
                var fresh = 0;
                foreach (var message in batch)
                {
                    // Not a first sight: a copy this run made, or a message received again once its scan visibility ended.
                    var firstSight = !copies.Contains(message.MessageId) && seen.Add(message.MessageId);
                    fresh += firstSight ? 1 : 0;
                    if (!firstSight || InfiniteTimeToLive.Holds(message.ExpiresOn))
                    {
                        hidden[message.MessageId] = message; // the latest receipt is the one that can show it again
                        continue;
                    }

                    var copy = await InfiniteTimeToLive.SendAsync(poison, message.Body, ct).ConfigureAwait(false);
                    copies.Add(copy.Value.MessageId);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                    kept++;
                }

                if (fresh == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            // Back in sight for an operator's peek or redrive, not after the scan's visibility timeout.
            await ShowAsync(poison, hidden.Values).ConfigureAwait(false);
        }

        return kept;
    }

    // The common case, a few poisoned messages waiting for an operator, all kept already: one peek, nothing hidden.
    private static async Task<bool> AllVisibleNeverExpireAsync(QueueClient poison, long depth, CancellationToken ct)
    {
        if (depth > BatchSize)
        {
            return false;
        }

        PeekedMessage[] peeked = await poison.PeekMessagesAsync(BatchSize, ct).ConfigureAwait(false);
        return peeked.Length == depth && peeked.All(message => InfiniteTimeToLive.Holds(message.ExpiresOn));
    }

    private static async Task ShowAsync(QueueClient poison, IEnumerable<QueueMessage> held)
    {
        foreach (var message in held)
        {
            try
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFailure.Is(ex))
            {
                // Gone (an operator's redrive) or storage failing: it reappears by itself when its timeout ends.
            }
        }
    }
}

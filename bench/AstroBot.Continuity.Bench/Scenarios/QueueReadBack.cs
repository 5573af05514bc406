using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// Reads back every message of a queue for an audit: a few readers receive batches with a long visibility timeout,
/// so nothing is seen twice, until the queue answers empty. The messages stay (hidden); clear the queue afterwards.
/// </summary>
internal static class QueueReadBack
{
    private const int BatchSize = 32;
    private const int Readers = 4;
    private static readonly TimeSpan Hide = TimeSpan.FromHours(1);

    /// <summary>The text of every visible message of <paramref name="queue"/>.</summary>
    public static async Task<IReadOnlyList<string>> ReadAllAsync(QueueClient queue, CancellationToken ct)
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => ReadUntilEmptyAsync(queue, ct))).ConfigureAwait(false);
        return [.. batches.SelectMany(batch => batch)];
    }

    private static async Task<List<string>> ReadUntilEmptyAsync(QueueClient queue, CancellationToken ct)
    {
        var texts = new List<string>();
        while (true)
        {
            QueueMessage[] received = await queue.ReceiveMessagesAsync(BatchSize, Hide, ct).ConfigureAwait(false);
            if (received.Length == 0)
            {
                return texts;
            }

            texts.AddRange(received.Select(m => m.Body.ToString()));
        }
    }
}

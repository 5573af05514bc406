using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// After each concurrency: reads every message of the local host's inbox queue (receive with a long visibility timeout,
/// so nothing is seen twice), opens each envelope and collects the wamids it records. An acknowledged wamid
/// missing from that set would be a lost message (invariant 1).
/// </summary>
internal static class InboxAudit
{
    private const int BatchSize = 32;
    private const int Readers = 4;
    private static readonly TimeSpan Hide = TimeSpan.FromHours(1);

    /// <summary>The wamids recorded in <paramref name="queueName"/>, and how many messages held them.</summary>
    public static async Task<(HashSet<string> Wamids, int Messages)> ReadAllAsync(string queueName, CancellationToken ct)
    {
        var queue = new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient(queueName);
        var batches = await Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => ReadUntilEmptyAsync(queue, ct))).ConfigureAwait(false);

        var wamids = new HashSet<string>(StringComparer.Ordinal);
        var messages = 0;
        foreach (var text in batches.SelectMany(b => b))
        {
            messages++;
            var envelope = WebhookEnvelope.FromQueueText(text);
            // The bench's bodies are far below the claim-check size, so every envelope carries its body.
            var body = envelope.Body ?? throw new InvalidDataException("A bench webhook went through the claim check.");
            var batch = WebhookPayloadParser.Parse(body).Batch ?? throw new InvalidDataException("A recorded webhook does not parse.");
            foreach (var message in batch.Messages)
            {
                wamids.Add(message.Wamid);
            }
        }

        return (wamids, messages);
    }

    /// <summary>Deletes every message of <paramref name="queueName"/>, the hidden ones included.</summary>
    public static Task ClearAsync(string queueName, CancellationToken ct) =>
        new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient(queueName).ClearMessagesAsync(ct);

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

using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// After each concurrency: reads every message of the local host's inbox queue (<see cref="QueueReadBack"/>), opens each
/// envelope and collects the wamids it records. An acknowledged wamid missing from that set would be a lost message (invariant 1).
/// </summary>
internal static class InboxAudit
{
    /// <summary>The wamids recorded in <paramref name="queueName"/>, and how many messages held them.</summary>
    public static Task<(HashSet<string> Wamids, int Messages)> ReadAllAsync(string queueName, CancellationToken ct) =>
        ReadAllAsync(new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient(queueName), ct);

    /// <summary>The wamids recorded in <paramref name="queue"/> (in any account), and how many messages held them.</summary>
    public static async Task<(HashSet<string> Wamids, int Messages)> ReadAllAsync(QueueClient queue, CancellationToken ct)
    {
        var texts = await QueueReadBack.ReadAllAsync(queue, ct).ConfigureAwait(false);

        var wamids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var envelope = WebhookEnvelope.FromQueueText(text);
            // The bench's bodies are far below the claim-check size, so every envelope carries its body.
            var body = envelope.Body ?? throw new InvalidDataException("A bench webhook went through the claim check.");
            var batch = WebhookPayloadParser.Parse(body).Batch ?? throw new InvalidDataException("A recorded webhook does not parse.");
            foreach (var message in batch.Messages)
            {
                wamids.Add(message.Wamid);
            }
        }

        return (wamids, texts.Count);
    }

    /// <summary>Deletes every message of <paramref name="queueName"/>, the hidden ones included.</summary>
    public static Task ClearAsync(string queueName, CancellationToken ct) =>
        new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient(queueName).ClearMessagesAsync(ct);
}

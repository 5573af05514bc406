using AstroBot.Continuity.Availability.FrontDoor;
using Azure;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// The storage bare limit: the front door's one durable write (<c>SendMessage</c> of the Base64 envelope it
/// would write for the same webhook), straight from a loop against Azurite, no HTTP in front.
/// </summary>
internal sealed class BareEnqueue
{
    private readonly QueueClient queue;

    private BareEnqueue(QueueClient queue) => this.queue = queue;

    public static async Task<BareEnqueue> CreateAsync(string queueName, CancellationToken ct)
    {
        // The same client construction as the product's StorageClients for a connection string.
        var queue = new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        return new BareEnqueue(queue);
    }

    /// <summary>The queue texts the front door would write for <paramref name="webhooks"/>; built before timing.</summary>
    public static string[] QueueTexts(IReadOnlyList<SignedWebhook> webhooks, DateTimeOffset receivedAt) =>
        webhooks.Select(w => WebhookEnvelope.Inline(w.Body, receivedAt).ToQueueText()).ToArray();

    public async Task<bool> SendAsync(string queueText, CancellationToken ct)
    {
        try
        {
            await queue.SendMessageAsync(queueText, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // A failure the SDK's retries gave up on (AggregateException): counted, not thrown.
            return false;
        }
    }

    public Task ClearAsync(CancellationToken ct) => queue.ClearMessagesAsync(ct);

    public Task DeleteQueueAsync(CancellationToken ct) => queue.DeleteIfExistsAsync(ct);
}

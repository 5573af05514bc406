using Azure;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>How many messages a queue holds, as the queue service counts them.</summary>
/// <param name="Name">The queue.</param>
/// <param name="Exists">False when the queue was never created (a poison queue appears with its first message).</param>
/// <param name="ApproximateMessages">
/// The service's approximate count: it includes messages that are invisible while a consumer works on them, and it
/// may lag a moment behind sends and deletes. Zero when the queue does not exist.
/// </param>
public sealed record QueueDepth(string Name, bool Exists, long ApproximateMessages)
{
    /// <summary>Reads the depth of <paramref name="queue"/>; a missing queue is empty, not an error.</summary>
    public static async Task<QueueDepth> ReadAsync(QueueClient queue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        try
        {
            var properties = await queue.GetPropertiesAsync(ct).ConfigureAwait(false);
            return new(queue.Name, Exists: true, properties.Value.ApproximateMessagesCountLong);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new(queue.Name, Exists: false, ApproximateMessages: 0);
        }
    }
}

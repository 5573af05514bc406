using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>The bot's queue (<see cref="FrontDoorOptions.BotQueueName"/>): every user message that is not a continuity command, and every change of a person's identifiers.</summary>
public sealed class BotQueue(StorageClients storage, IOptions<FrontDoorOptions> options)
{
    private readonly QueueClient queue = storage.Queues.GetQueueClient(options.Value.BotQueueName);

    /// <summary>Creates the queue when it is missing; called once at start-up.</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => queue.CreateIfNotExistsAsync(cancellationToken: ct);

    /// <summary>Hands one message or identity change to the bot, never to expire (invariant 10).</summary>
    public Task EnqueueAsync(BotQueueMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return InfiniteTimeToLive.SendAsync(queue, message.ToQueueText(), ct);
    }
}

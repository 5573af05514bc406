using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// The region's held queue, <c>{FrontDoor:InboxQueueName}-held</c> in the region's own account
/// (<see cref="StorageClients.RegionQueues"/>, next to the inbox): the inbox webhooks that carry users' messages while a
/// maintenance window is active, or while this region still drains what one held. Each is the inbox message as it was
/// (Base64 of the envelope, the inbox's own wire format), sent with <see cref="InfiniteTimeToLive"/>: held messages
/// never expire. <see cref="MaintenanceDrainJob"/> processes them after the window.
/// </summary>
public sealed class HeldQueue
{
    /// <summary>What is appended to the inbox queue's name.</summary>
    public const string Suffix = "-held";

    private readonly TimeProvider time;
    private readonly TimeSpan cacheDuration;
    private volatile DepthSnapshot? depth;

    public HeldQueue(StorageClients storage, IOptions<FrontDoorOptions> frontDoor, IOptions<MaintenanceOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        this.time = time;
        cacheDuration = options.Value.CacheDuration;
        Client = storage.RegionQueues.GetQueueClient(NameFor(frontDoor.Value.InboxQueueName));
        Poison = storage.RegionQueues.GetQueueClient(frontDoor.Value.PoisonQueueName);
    }

    /// <summary>The held queue.</summary>
    public QueueClient Client { get; }

    /// <summary>The inbox's poison queue: where the drain moves a held message that keeps failing, as the queue trigger would.</summary>
    public QueueClient Poison { get; }

    /// <summary>The held queue of the inbox queue <paramref name="inboxQueueName"/>.</summary>
    public static string NameFor(string inboxQueueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(inboxQueueName);
        return inboxQueueName + Suffix;
    }

    /// <summary>Holds one inbox message (its text as the trigger or the pump handed it over), never to expire.</summary>
    public async Task SendAsync(string queueMessageText, CancellationToken ct)
    {
        // The trigger hands over the decoded JSON, the local pump the Base64: held, it is the inbox's wire format again,
        // so a held message the drain poisons can be redriven into the inbox like any other.
        var text = Base64QueueText.Encode(Base64QueueText.Decode(queueMessageText));
        try
        {
            await InfiniteTimeToLive.SendAsync(Client, text, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            await InfiniteTimeToLive.SendAsync(Client, text, ct).ConfigureAwait(false);
        }

        depth = new DepthSnapshot(true, time.GetUtcNow() + cacheDuration);
    }

    /// <summary>
    /// True when the held queue holds messages, as read at most <c>Maintenance:CacheDuration</c> ago. The queue service's
    /// count is approximate but never lower than the real one, and counts messages the drain is working on: new messages
    /// wait behind held ones rather than overtake them.
    /// </summary>
    public async Task<bool> HasMessagesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (depth is { } cached && now < cached.FreshUntil)
        {
            return cached.HasMessages;
        }

        var read = await QueueDepth.ReadAsync(Client, ct).ConfigureAwait(false);
        depth = new DepthSnapshot(read.ApproximateMessages > 0, now + cacheDuration);
        return read.ApproximateMessages > 0;
    }

    /// <summary>How many messages are held now (approximate, fresh).</summary>
    public Task<QueueDepth> ReadDepthAsync(CancellationToken ct) => QueueDepth.ReadAsync(Client, ct);

    private sealed record DepthSnapshot(bool HasMessages, DateTimeOffset FreshUntil);
}

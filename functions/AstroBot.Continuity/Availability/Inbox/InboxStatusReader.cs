using AstroBot.Continuity.Storage;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>Reads the depth of each user-message queue and of its poison queue (<c>continuity inbox status</c>).</summary>
public sealed class InboxStatusReader(StorageClients storage, UserMessageQueues queues, TimeProvider time)
{
    public async Task<InboxStatus> ReadAsync(CancellationToken ct)
    {
        var checkedAt = time.GetUtcNow();
        var statuses = new List<UserMessageQueueStatus>(queues.All.Count);
        foreach (var queue in queues.All)
        {
            var service = queue.ServiceIn(storage);
            var depth = await QueueDepth.ReadAsync(service.GetQueueClient(queue.Name), ct).ConfigureAwait(false);
            var poison = await QueueDepth.ReadAsync(service.GetQueueClient(queue.PoisonName), ct).ConfigureAwait(false);
            statuses.Add(new UserMessageQueueStatus(queue.Alias, depth, poison));
        }

        return new InboxStatus(checkedAt, statuses);
    }
}

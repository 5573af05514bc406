using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Every 5 minutes (<see cref="Schedules.InboxPoisonWatch"/>): reads the depth of each user-message queue and of its
/// poison queue, logs one <c>PoisonQueueChecked</c> event per queue (a warning when the poison queue holds messages:
/// the Azure Monitor alert in bicep/modules/inboxAlerts.bicep fires on it, and on its absence), and gives the
/// messages the Functions runtime poisoned an infinite time-to-live (<see cref="PoisonMessageKeeper"/>). Azure Monitor
/// has no per-queue message count for Storage queues (the account's <c>QueueMessageCount</c> metric sums every queue,
/// hourly), hence this check.
/// </summary>
public sealed class PoisonQueueWatch(StorageClients storage, UserMessageQueues queues, ILogger<PoisonQueueWatch> logger) : IScheduledJob
{
    public string Name => "InboxPoisonWatch";

    public ScheduleSetting Schedule => Schedules.InboxPoisonWatch;

    // A missed check costs nothing: the next one reads the same queues.
    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    /// <summary>Checks every user-message queue once.</summary>
    public async Task<IReadOnlyList<PoisonQueueCheck>> CheckAsync(CancellationToken ct)
    {
        var checks = new List<PoisonQueueCheck>(queues.All.Count);
        foreach (var queue in queues.All)
        {
            var service = queue.ServiceIn(storage);
            var depth = await QueueDepth.ReadAsync(service.GetQueueClient(queue.Name), ct).ConfigureAwait(false);
            var poisonQueue = service.GetQueueClient(queue.PoisonName);
            var poison = await QueueDepth.ReadAsync(poisonQueue, ct).ConfigureAwait(false);
            var kept = await PoisonMessageKeeper.KeepAsync(poisonQueue, poison.ApproximateMessages, ct).ConfigureAwait(false);
            if (kept > 0)
            {
                LogMessages.PoisonMessagesKeptForever(logger, queue.PoisonName, kept);
            }

            LogMessages.PoisonQueueChecked(
                logger,
                poison.ApproximateMessages > 0 ? LogLevel.Warning : LogLevel.Information,
                queue.Alias,
                queue.Name,
                depth.ApproximateMessages,
                queue.PoisonName,
                poison.ApproximateMessages);
            checks.Add(new PoisonQueueCheck(queue.Alias, depth, poison, kept));
        }

        return checks;
    }
}

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>Every user-message queue and its poison queue at one moment (<c>continuity inbox status</c>).</summary>
/// <param name="CheckedAt">When the counts were read.</param>
/// <param name="Queues">Inbox, bot and exports, in that order.</param>
public sealed record InboxStatus(DateTimeOffset CheckedAt, IReadOnlyList<UserMessageQueueStatus> Queues)
{
    /// <summary>The messages in all poison queues together.</summary>
    public long PoisonedMessages => Queues.Sum(queue => queue.Poison.ApproximateMessages);
}

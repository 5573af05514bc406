namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>What the reply outbox holds (<c>continuity outbox status</c>).</summary>
/// <param name="CheckedAt">When it was read.</param>
/// <param name="Table">The outbox table.</param>
/// <param name="WaitingReplies">Replies waiting to be sent.</param>
/// <param name="UsersWaiting">Users who have at least one waiting reply (their new replies wait behind).</param>
/// <param name="OldestWaitingSince">When the oldest waiting reply was stored; null when none waits.</param>
/// <param name="OldestWaitingAge">How long it has waited; null when none waits.</param>
/// <param name="ParkedReplies">Replies set aside (unreadable, or refused by Meta): kept, never sent again.</param>
public sealed record OutboxStatus(
    DateTimeOffset CheckedAt,
    string Table,
    long WaitingReplies,
    int UsersWaiting,
    DateTimeOffset? OldestWaitingSince,
    TimeSpan? OldestWaitingAge,
    long ParkedReplies);

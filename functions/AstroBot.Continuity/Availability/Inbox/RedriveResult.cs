namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>What <c>continuity inbox redrive</c> did (its <c>--json</c> shape).</summary>
/// <param name="Queue">The queue the messages went back to.</param>
/// <param name="PoisonQueue">The poison queue they came from.</param>
/// <param name="PoisonQueueExists">False when nothing was ever poisoned on this queue: nothing to do.</param>
/// <param name="DryRun">True when nothing was moved (<c>--dry-run</c>).</param>
/// <param name="Moved">Messages sent back to <paramref name="Queue"/> and deleted from the poison queue (0 in a dry run).</param>
/// <param name="WouldMove">In a dry run, how many a real run would move; null otherwise.</param>
/// <param name="Remaining">The poison queue's approximate count after the run.</param>
/// <param name="Failure">Why the run stopped before it was done (the failing call and status, never a message's content); null when it was not.</param>
public sealed record RedriveResult(
    string Queue,
    string PoisonQueue,
    bool PoisonQueueExists,
    bool DryRun,
    long Moved,
    long? WouldMove,
    long Remaining,
    string? Failure);

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>One user's part of the outbox, by their partition (a pseudonym).</summary>
/// <param name="Partition">The user's partition.</param>
/// <param name="Waiting">Replies waiting to be sent.</param>
/// <param name="Parked">Replies set aside (unreadable, or refused by Meta), kept for an operator.</param>
/// <param name="OldestWaitingSince">When the oldest waiting reply was stored; null when none waits.</param>
internal sealed record WaitingUser(string Partition, int Waiting, int Parked, DateTimeOffset? OldestWaitingSince);

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>What one run of <see cref="PoisonQueueWatch"/> found on one user-message queue.</summary>
/// <param name="Alias">The name operators use (<c>inbox</c>, <c>bot</c>, <c>exports</c>).</param>
/// <param name="Queue">The queue's depth.</param>
/// <param name="Poison">Its poison queue's depth; above zero, the alert fires.</param>
/// <param name="KeptForever">Poison messages the run re-sent with an infinite time-to-live (the Functions runtime's 7-day copies).</param>
public sealed record PoisonQueueCheck(string Alias, QueueDepth Queue, QueueDepth Poison, int KeptForever);

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>One user-message queue and its poison queue, as <c>continuity inbox status</c> shows them.</summary>
/// <param name="Alias">The name operators use (<c>inbox</c>, <c>bot</c>, <c>exports</c>).</param>
/// <param name="Queue">The queue's depth: messages waiting, or being worked on.</param>
/// <param name="Poison">The poison queue's depth: messages that failed every attempt and wait for a redrive.</param>
public sealed record UserMessageQueueStatus(string Alias, QueueDepth Queue, QueueDepth Poison);

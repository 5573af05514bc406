using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Backup.Source;

/// <summary>One page of a read feed or change feed: its items and the position after it.</summary>
/// <param name="Last">The feed's end (for a change feed: for now): no page follows this one.</param>
public sealed record FeedPage(IReadOnlyList<CanonicalItem> Items, string? Continuation, bool Last);

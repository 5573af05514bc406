using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Backup.Source;

/// <summary>One page of a read feed or change feed: its items and the position after it.</summary>
public sealed record FeedPage(IReadOnlyList<CanonicalItem> Items, string? Continuation);

namespace AstroBot.Continuity.Backup.Retention;

/// <summary>
/// What retention keeps and what it prunes, each oldest first. Running and already pruned entries are in neither
/// list: retention does not touch them.
/// </summary>
public sealed record RetentionPlan(IReadOnlyList<RetentionDecision> Keep, IReadOnlyList<RetentionDecision> Prune);

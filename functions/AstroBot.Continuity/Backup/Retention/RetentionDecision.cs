using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Backup.Retention;

/// <summary>One catalog entry kept or pruned, and why in words an operator reads ("daily 2026-11-26", "failed run").</summary>
public sealed record RetentionDecision(BackupCatalogEntry Entry, string Reason);

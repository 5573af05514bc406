namespace AstroBot.Continuity.Backup.Retention;

/// <summary>A backup in a <see cref="PruneReport"/> and the retention reason for it.</summary>
public sealed record PruneReportItem(string BackupId, string Reason);

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>How far a backup has come in one container, for a progress bar.</summary>
public sealed record BackupProgress(string Container, long Items, long RawBytes);

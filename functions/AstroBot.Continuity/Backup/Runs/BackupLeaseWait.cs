namespace AstroBot.Continuity.Backup.Runs;

/// <summary>A run waits for a lease another run holds, at most <paramref name="Bound"/>: said once, when the wait starts.</summary>
/// <param name="Holder">What is known of the holder when the wait starts.</param>
/// <param name="Bound">The longest wait: one lease duration plus a margin, within which a dead run's lease lapses.</param>
public sealed record BackupLeaseWait(BackupLeaseHolder Holder, TimeSpan Bound);

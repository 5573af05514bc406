namespace AstroBot.Continuity.Tests.Backup.Reading;

/// <summary>
/// The real clock with a wall-clock time the test sets: timers and timestamps stay real, so what paces itself on them
/// (a backup's request-unit budget, its lease renewal) runs as in production, while what a run stamps with the time
/// (its id, its start and completion) reads <see cref="Now"/>. A fake clock would stop the budget's waits.
/// </summary>
internal sealed class SetWallClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

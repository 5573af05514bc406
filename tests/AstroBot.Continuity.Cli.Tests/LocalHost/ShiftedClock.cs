namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The system clock moved to a chosen moment: <see cref="GetUtcNow"/> is that moment plus the real time since it was
/// set, while timers and timestamps stay the system's. A host on it runs as it always does (its waits are real), and
/// what it records carries the chosen minutes, so a test can place probe runs in the minutes it needs without waiting.
/// </summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly object gate = new();
    private DateTimeOffset anchor = start;
    private long setAt = System.GetTimestamp();

    /// <summary>From now on the clock reads <paramref name="at"/>, then runs on.</summary>
    public void MoveTo(DateTimeOffset at)
    {
        lock (gate)
        {
            anchor = at;
            setAt = System.GetTimestamp();
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return anchor + System.GetElapsedTime(setAt);
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says who waits on it: the timers armed and not yet ended (a
/// <c>Task.Delay</c> on this clock is one until it fires or is cancelled) and how many have fired. The fake clock
/// fires a due timer inside <see cref="Advance"/>, so right after an advance these counts say for certain whether a
/// wait ended: a test shows that something did not happen without waiting on the wall clock.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider clock = new(start);
    private int waiting;
    private int fired;

    /// <summary>Timers armed and not ended (a one-shot timer ends when it fires or is disposed): something waits on this clock.</summary>
    public int WaitingTimers => Volatile.Read(ref waiting);

    /// <summary>Timer callbacks run so far.</summary>
    public int FiredTimers => Volatile.Read(ref fired);

    public void Advance(TimeSpan delta) => clock.Advance(delta);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this, callback, state, oneShot: period == Timeout.InfiniteTimeSpan);
        Interlocked.Increment(ref waiting);
        watched.Inner = clock.CreateTimer(static self => ((WatchedTimer)self!).Fire(), watched, dueTime, period);
        return watched;
    }

    private sealed class WatchedTimer(WatchedClock owner, TimerCallback callback, object? state, bool oneShot) : ITimer
    {
        private int ended;

        public ITimer Inner { get; set; } = null!;

        public void Fire()
        {
            Interlocked.Increment(ref owner.fired);
            if (oneShot)
            {
                End();
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            End();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void End()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                Interlocked.Decrement(ref owner.waiting);
            }
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says who waits on it: the timers armed and not yet ended (a
/// <c>Task.Delay</c> on this clock is one until it fires or is cancelled) and how many have fired. The fake clock
/// fires a due timer inside <see cref="Advance"/>, so right after an advance these counts say for certain whether a
/// wait ended: a test shows that something did not happen without waiting on the wall clock. <see cref="WhenAsync"/>
/// signals when code under test starts (or stops) waiting on it, so a test need not poll the counts.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider clock = new(start);
    private readonly List<(Func<WatchedClock, bool> Condition, TaskCompletionSource Done)> watchers = [];
    private int waiting;
    private int fired;

    /// <summary>Timers armed and not ended (a one-shot timer ends when it fires or is disposed): something waits on this clock.</summary>
    public int WaitingTimers => Volatile.Read(ref waiting);

    /// <summary>Timer callbacks run so far.</summary>
    public int FiredTimers => Volatile.Read(ref fired);

    public void Advance(TimeSpan delta) => clock.Advance(delta);

    /// <summary>
    /// Completes once <paramref name="condition"/> holds: checked now and whenever a timer is armed, fires or ends.
    /// A signal, not a poll; <paramref name="bound"/> (on the wall clock) only stops a broken test from hanging.
    /// </summary>
    public Task WhenAsync(Func<WatchedClock, bool> condition, TimeSpan bound)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (watchers)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            watchers.Add((condition, done));
        }

        return done.Task.WaitAsync(bound);
    }

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this, callback, state, oneShot: period == Timeout.InfiniteTimeSpan);
        Interlocked.Increment(ref waiting);
        watched.Inner = clock.CreateTimer(static self => ((WatchedTimer)self!).Fire(), watched, dueTime, period);
        Changed();
        return watched;
    }

    private void Changed()
    {
        List<TaskCompletionSource> met;
        lock (watchers)
        {
            met = [.. watchers.Where(watcher => watcher.Condition(this)).Select(watcher => watcher.Done)];
            watchers.RemoveAll(watcher => met.Contains(watcher.Done));
        }

        met.ForEach(done => done.TrySetResult());
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
                End(); // tells the watchers
            }
            else
            {
                owner.Changed();
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
                owner.Changed();
            }
        }
    }
}

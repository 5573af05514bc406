using AstroBot.Continuity.Tests.Backup.Runs;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Local.Tests.Hosting;

/// <summary>
/// A wall clock that can be set back, which <see cref="FakeTimeProvider"/> refuses: timers keep running on the fake
/// clock's elapsed time (as real timers are monotonic, and watched, so a test sees who waits on them) while
/// <see cref="GetUtcNow"/> adds <see cref="Offset"/>.
/// </summary>
internal sealed class WallClock(WatchedClock elapsed) : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => elapsed.GetUtcNow() + Offset;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        elapsed.CreateTimer(callback, state, dueTime, period);
}

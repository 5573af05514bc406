using System.Collections.Concurrent;

namespace AstroBot.Continuity.Tests.Arm;

/// <summary>A clock whose timers record their due time and fire at once, or, with <see cref="OnWait"/>, run it and never fire.</summary>
public sealed class WaitRecorder : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    public Action? OnWait { get; set; }

    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        waits.Enqueue(dueTime);
        if (OnWait is { } onWait)
        {
            onWait(); // and the timer never fires: a long wait, ended only by the cancellation
        }
        else
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

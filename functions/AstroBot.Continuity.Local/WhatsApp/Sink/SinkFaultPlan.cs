using System.Collections.Concurrent;

namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>
/// The delays and error answers queued for the next requests. Each request takes at most one of each,
/// so <c>DelayNext</c> and <c>FailNext</c> can be combined.
/// </summary>
internal sealed class SinkFaultPlan
{
    private readonly ConcurrentQueue<SinkFault> failures = new();
    private readonly ConcurrentQueue<TimeSpan> delays = new();

    public void Fail(SinkFault fault, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        for (var i = 0; i < times; i++)
        {
            failures.Enqueue(fault);
        }
    }

    public void Delay(TimeSpan delay, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        for (var i = 0; i < times; i++)
        {
            delays.Enqueue(delay);
        }
    }

    public SinkFault? TakeFailure() => failures.TryDequeue(out var fault) ? fault : null;

    public TimeSpan TakeDelay() => delays.TryDequeue(out var delay) ? delay : TimeSpan.Zero;
}

using System.Diagnostics;
using AstroBot.Continuity.Bench.Load;

namespace AstroBot.Continuity.Bench.Cpu;

/// <summary>
/// How long work queued to this process's thread pool waited before a thread ran it, over one round, and how many
/// threads the pool had: every few milliseconds a dedicated thread (not a pool thread) queues one tiny work item and
/// the item records how long after its queueing it started. In the webhook rounds the front door (Kestrel), the load
/// generator and the backup share that pool, so a request's continuations wait about this long too.
/// </summary>
internal sealed class PoolProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly List<long> delays = [];
    private readonly Lock gate = new();
    private readonly Thread thread;
    private volatile bool stopping;
    private int maxThreads;
    private long maxPending;
    private int pending;

    private PoolProbe()
    {
        maxThreads = ThreadPool.ThreadCount;
        thread = new Thread(Run) { IsBackground = true, Name = "bench pool probe" };
        thread.Start();
    }

    public static PoolProbe Start() => new();

    /// <summary>Stops queueing, waits for the items in flight, and summarises the delays.</summary>
    public PoolProbeResult Stop()
    {
        stopping = true;
        thread.Join();
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref pending) > 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(1);
        }

        lock (gate)
        {
            return new PoolProbeResult([.. delays], maxThreads, maxPending);
        }
    }

    public void Dispose()
    {
        stopping = true;
        if (thread.IsAlive)
        {
            thread.Join();
        }
    }

    private void Run()
    {
        while (!stopping)
        {
            Interlocked.Increment(ref pending);
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    var (probe, queuedAt) = state;
                    var delay = Stopwatch.GetTimestamp() - queuedAt;
                    lock (probe.gate)
                    {
                        probe.delays.Add(delay);
                    }

                    Interlocked.Decrement(ref probe.pending);
                },
                (this, Stopwatch.GetTimestamp()),
                preferLocal: false);
            var threads = ThreadPool.ThreadCount;
            if (threads > maxThreads)
            {
                maxThreads = threads;
            }

            var queued = ThreadPool.PendingWorkItemCount;
            if (queued > maxPending)
            {
                maxPending = queued;
            }

            Thread.Sleep(Interval);
        }
    }
}

/// <summary>
/// One round of the probe (or several pooled): the delays from queueing to running in Stopwatch ticks, the most threads
/// the pool had, and the most work items it had queued (<see cref="ThreadPool.PendingWorkItemCount"/>), as the probe saw them.
/// </summary>
internal sealed record PoolProbeResult(IReadOnlyList<long> DelayTicks, int MaxThreads, long MaxPending)
{
    public LatencySummary Delay { get; } = LatencySummary.FromTicks([.. DelayTicks]);

    public static PoolProbeResult Pool(IEnumerable<PoolProbeResult> rounds)
    {
        var list = rounds.ToList();
        return new([.. list.SelectMany(round => round.DelayTicks)], list.Count > 0 ? list.Max(round => round.MaxThreads) : 0, list.Count > 0 ? list.Max(round => round.MaxPending) : 0);
    }
}

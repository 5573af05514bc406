using System.Diagnostics;
using AstroBot.Continuity.Local.FrontDoor;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>
/// Watches the front door's origin table (in this process) every few milliseconds and records each change of the
/// origin that takes the traffic, and of each origin's state, on the failover timeline's clock.
/// </summary>
internal sealed class RouteWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(5);

    private readonly OriginTable origins;
    private readonly long zero;
    private readonly List<RouteChange> changes = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <param name="zero">The timeline's origin, a <see cref="Stopwatch"/> timestamp.</param>
    public RouteWatch(OriginTable origins, long zero, Action<RouteChange> report)
    {
        this.origins = origins;
        this.zero = zero;
        loop = Task.Run(() => WatchAsync(report));
    }

    /// <summary>Every change seen, in order; the first is the state when watching started.</summary>
    public IReadOnlyList<RouteChange> Changes
    {
        get
        {
            lock (changes)
            {
                return [.. changes];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task WatchAsync(Action<RouteChange> report)
    {
        string? last = null;
        while (!stop.IsCancellationRequested)
        {
            var route = origins.Route()?.Id;
            var states = string.Join(", ", origins.Origins.Select(origin => $"{origin.Id} {origin.Health.State}"));
            if (states != last)
            {
                var change = new RouteChange(Stopwatch.GetElapsedTime(zero), route, states);
                lock (changes)
                {
                    changes.Add(change);
                }

                report(change);
                last = states;
            }

            try
            {
                await Task.Delay(Every, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

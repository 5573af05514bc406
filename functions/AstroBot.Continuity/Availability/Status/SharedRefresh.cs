namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// A value a process computes at most once per <c>duration</c>, whoever asks: callers meanwhile get the same value, and
/// callers that ask while it is being computed wait for that one computation (so a burst of anonymous requests costs one
/// computation, not one each). The computation runs on its own, without any caller's cancellation; each caller stops
/// waiting when its own request is cancelled. A computation that failed is not kept.
/// </summary>
/// <typeparam name="T">The value.</typeparam>
public sealed class SharedRefresh<T>(TimeSpan duration, TimeProvider time)
{
    private readonly Lock gate = new();
    private Task<T>? current;
    private DateTimeOffset freshUntil;

    /// <summary>The value, computed by <paramref name="compute"/> when none is fresh or being computed.</summary>
    public Task<T> GetAsync(Func<Task<T>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(compute);
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (current is null || current.IsFaulted || current.IsCanceled || (current.IsCompleted && now >= freshUntil))
            {
                current = Task.Run(compute, CancellationToken.None);
                freshUntil = now + duration;
            }

            return current.WaitAsync(ct);
        }
    }
}

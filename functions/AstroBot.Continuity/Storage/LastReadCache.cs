namespace AstroBot.Continuity.Storage;

/// <summary>
/// A row the inbox asks about for every message (the maintenance window, the open incident), read at most once per
/// <c>duration</c> per process. When it cannot be read, the last value read is kept, or none when nothing was read yet
/// (the inbox goes on as if there were none: it parks what it then cannot process), and the read is tried again after
/// another <c>duration</c>.
/// </summary>
/// <typeparam name="T">What the row holds (null: nothing).</typeparam>
public sealed class LastReadCache<T>(TimeSpan duration, TimeProvider time)
    where T : class
{
    private volatile Snapshot? snapshot;

    /// <summary>The value as read at most the cache duration ago; <paramref name="keptLast"/> hears of a failed read whose last value was kept.</summary>
    public async Task<T?> GetAsync(Func<CancellationToken, Task<T?>> read, Action<Exception, T?> keptLast, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(keptLast);
        var now = time.GetUtcNow();
        var cached = snapshot;
        if (cached is not null && now < cached.FreshUntil)
        {
            return cached.Value;
        }

        try
        {
            var value = await read(ct).ConfigureAwait(false);
            snapshot = new Snapshot(value, now + duration);
            return value;
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            var kept = cached?.Value;
            keptLast(exception, kept);
            snapshot = new Snapshot(kept, now + duration);
            return kept;
        }
    }

    /// <summary>Forgets what was read, so the next call reads the row (after this process changed it).</summary>
    public void Invalidate() => snapshot = null;

    private sealed record Snapshot(T? Value, DateTimeOffset FreshUntil);
}

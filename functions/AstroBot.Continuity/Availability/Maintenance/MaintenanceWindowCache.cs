using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// The maintenance window as the inbox sees it: read from the table at most once per <c>Maintenance:CacheDuration</c>
/// per process, so the inbox does not read it for every message. Whether a window is active is decided on each call
/// against the clock, so a window's end by itself is exact; a start or a stop takes effect within the cache duration.
/// When the table cannot be read, the last window read is kept (a window started before the shared account went down
/// keeps holding), or none when nothing was read yet, and the read is tried again after another cache duration.
/// </summary>
public sealed class MaintenanceWindowCache(MaintenanceStore store, IOptions<MaintenanceOptions> options, TimeProvider time, ILogger<MaintenanceWindowCache> logger)
{
    private readonly LastReadCache<MaintenanceWindow> cache = new(options.Value.CacheDuration, time);

    /// <summary>The current or last window (null when none), as read at most <c>Maintenance:CacheDuration</c> ago.</summary>
    public Task<MaintenanceWindow?> CurrentAsync(CancellationToken ct) =>
        cache.GetAsync(store.ReadAsync, (exception, kept) => LogMessages.MaintenanceWindowUnreadable(logger, exception.GetType().Name, kept?.Id), ct);

    /// <summary>Forgets what was read, so the next call reads the table (after this process started or stopped a window).</summary>
    public void Invalidate() => cache.Invalidate();
}

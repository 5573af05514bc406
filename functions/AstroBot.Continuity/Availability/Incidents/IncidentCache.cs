using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// The current incident as the inbox sees it: read at most once per <c>Incidents:CacheDuration</c> per process, so the
/// inbox does not read the table for every message; when it cannot be read, the last incident read is kept.
/// </summary>
public sealed class IncidentCache(IncidentStore store, IOptions<IncidentOptions> options, TimeProvider time, ILogger<IncidentCache> logger)
{
    private readonly LastReadCache<Incident> cache = new(options.Value.CacheDuration, time);

    /// <summary>The open incident, or null when none is open, as read at most <c>Incidents:CacheDuration</c> ago.</summary>
    public async Task<Incident?> OpenAsync(CancellationToken ct) =>
        await cache.GetAsync(store.ReadCurrentAsync, (exception, kept) => LogMessages.IncidentUnreadable(logger, exception.GetType().Name, kept?.Id), ct).ConfigureAwait(false)
            is { IsOpen: true } open ? open : null;

    /// <summary>Forgets what was read (after this process opened or resolved an incident).</summary>
    public void Invalidate() => cache.Invalidate();
}

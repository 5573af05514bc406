using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// Opening, resolving and reading incidents as an operator: what <c>continuity incident open|resolve|status</c> and the
/// operators' route (<see cref="IncidentEndpoint"/>) do, one implementation for both. Opening while one is open changes
/// its message (and keeps its id: users are told once per incident). An operator resolves any incident, whoever opened it.
/// </summary>
public sealed class IncidentControl(
    IncidentStore store, IncidentCache cache, IOptions<IncidentOptions> options, TimeProvider time, ILogger<IncidentControl> logger)
{
    /// <summary>How many past incidents the status lists.</summary>
    public const int RecentCount = 5;

    /// <summary>Opens an incident with the public <paramref name="message"/>, or changes the open one's message.</summary>
    public async Task<IncidentOpenResult> OpenAsync(string? message, string openedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(openedBy);
        if (IncidentRequest.MessageProblem(message) is { } problem)
        {
            return new IncidentOpenResult(null, false, problem);
        }

        var (before, after) = await store.ChangeAsync(current =>
        {
            var now = time.GetUtcNow();
            return current is { IsOpen: true } open
                ? open with { Message = message!, UpdatedAt = now }
                : new Incident(IncidentStore.NewId(now), now, openedBy, message!, now);
        }, ct).ConfigureAwait(false);
        var created = after!.Id != before?.Id;
        cache.Invalidate();
        LogMessages.IncidentOpened(logger, after.Id, after.Source, created);
        return new IncidentOpenResult(after, created, null);
    }

    /// <summary>Resolves the open incident, with public <paramref name="resolution"/> words if given.</summary>
    public async Task<IncidentResolveResult> ResolveAsync(string? resolution, string resolvedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resolvedBy);
        if (IncidentRequest.ResolutionProblem(resolution) is { } problem)
        {
            return new IncidentResolveResult(null, problem);
        }

        var resolved = await ResolveWhenAsync(_ => true, resolvedBy, resolution, ct).ConfigureAwait(false);
        return new IncidentResolveResult(resolved, null);
    }

    /// <summary>
    /// Resolves the open incident when <paramref name="may"/> says so (automation resolves only what it opened).
    /// </summary>
    /// <returns>The incident as resolved, or null when none was open or <paramref name="may"/> said no.</returns>
    internal async Task<Incident?> ResolveWhenAsync(Func<Incident, bool> may, string resolvedBy, string? resolution, CancellationToken ct)
    {
        var (before, after) = await store.ChangeAsync(
            current => current is { IsOpen: true } open && may(open)
                ? open with { ResolvedAt = time.GetUtcNow(), ResolvedBy = resolvedBy, Resolution = resolution }
                : null,
            ct).ConfigureAwait(false);
        cache.Invalidate();
        if (before is not { IsOpen: true } || after is not { IsOpen: false } resolved)
        {
            return null;
        }

        LogMessages.IncidentResolved(logger, resolved.Id, resolved.Source, resolved.ResolvedAt!.Value - resolved.OpenedAt);
        return resolved;
    }

    /// <summary>
    /// Automation's opening (<paramref name="opener"/>: the probe or an alert): opens an incident with
    /// <c>Incidents:AutomaticMessage</c> when none is open; an open one keeps its message and opener, and only learns that
    /// <paramref name="alertRule"/> fires too.
    /// </summary>
    /// <returns>The incident when this call opened it, else null.</returns>
    internal async Task<Incident?> OpenAutomaticallyAsync(string opener, string? alertRule, CancellationToken ct)
    {
        var (before, after) = await store.ChangeAsync(current =>
        {
            var now = time.GetUtcNow();
            if (current is { IsOpen: true } open)
            {
                return alertRule is null || open.Alerts.Contains(alertRule, StringComparer.Ordinal) ? null : open with { FiringAlerts = [.. open.Alerts, alertRule] };
            }

            return new Incident(IncidentStore.NewId(now), now, opener, options.Value.AutomaticMessage, now, FiringAlerts: alertRule is null ? null : [alertRule]);
        }, ct).ConfigureAwait(false);
        cache.Invalidate();
        if (after is null || after.Id == before?.Id)
        {
            return null;
        }

        LogMessages.IncidentOpened(logger, after.Id, after.Source, true);
        return after;
    }

    /// <summary>
    /// An alert rule resolved: it no longer fires. The open incident is resolved when an alert opened it and no alert
    /// that fired during it still fires.
    /// </summary>
    /// <returns>The incident as resolved, or null when it stays open (or none was).</returns>
    internal async Task<Incident?> AlertResolvedAsync(string alertRule, CancellationToken ct)
    {
        var (before, after) = await store.ChangeAsync(current =>
        {
            if (current is not { IsOpen: true } open)
            {
                return null;
            }

            string[] firing = [.. open.Alerts.Where(rule => !string.Equals(rule, alertRule, StringComparison.Ordinal))];
            return open.Source == IncidentSource.Alert && firing.Length == 0
                ? open with { FiringAlerts = null, ResolvedAt = time.GetUtcNow(), ResolvedBy = IncidentOpeners.Alert }
                : firing.Length == open.Alerts.Count ? null : open with { FiringAlerts = firing.Length == 0 ? null : firing };
        }, ct).ConfigureAwait(false);
        cache.Invalidate();
        if (before is not { IsOpen: true } || after is not { IsOpen: false } resolved)
        {
            return null;
        }

        LogMessages.IncidentResolved(logger, resolved.Id, resolved.Source, resolved.ResolvedAt!.Value - resolved.OpenedAt);
        return resolved;
    }

    /// <summary>The open or last incident, its users, and the last few incidents.</summary>
    public async Task<IncidentStatus> StatusAsync(CancellationToken ct)
    {
        var current = await store.ReadCurrentAsync(ct).ConfigureAwait(false);
        var (wrote, told) = current is null ? (0, 0) : await store.CountUsersAsync(current.Id, ct).ConfigureAwait(false);
        var recent = await store.RecentAsync(RecentCount, ct).ConfigureAwait(false);
        var state = current is null ? IncidentState.None : current.IsOpen ? IncidentState.Open : IncidentState.Resolved;
        return new IncidentStatus(time.GetUtcNow(), state, current, wrote, told, recent);
    }
}

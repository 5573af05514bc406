using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// Starting, stopping and reading maintenance windows: what <c>continuity maintenance start|stop|status</c> and the
/// admin route (<see cref="MaintenanceEndpoint"/>) do, one implementation for both.
/// </summary>
public sealed class MaintenanceControl(
    MaintenanceStore store,
    HeldQueue held,
    MaintenanceWindowCache cache,
    IOptions<MaintenanceOptions> options,
    TimeProvider time,
    ILogger<MaintenanceControl> logger)
{
    /// <summary>
    /// Starts a window ending at <paramref name="until"/> (ISO 8601 with an offset, or a duration from now) that tells
    /// users <paramref name="message"/>, or changes the end and message of the active one. Refused (nothing stored)
    /// when the end is not in the future or more than <c>Maintenance:MaxWindow</c> ahead, or the message is not one
    /// WhatsApp text.
    /// </summary>
    public async Task<MaintenanceStartResult> StartAsync(string? until, string? message, string startedBy, CancellationToken ct)
    {
        var (end, problem) = MaintenanceRequest.Check(until, message, time.GetUtcNow(), options.Value.MaxWindow);
        if (end is not { } validUntil)
        {
            return new MaintenanceStartResult(null, false, problem);
        }

        await store.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var (window, created) = await store.StartAsync(validUntil, message!, startedBy, ct).ConfigureAwait(false);
        cache.Invalidate();
        LogMessages.MaintenanceStarted(logger, window.Id, window.Until, created);
        return new MaintenanceStartResult(window, created, null);
    }

    /// <summary>Stops the active window now; null when none was active.</summary>
    public async Task<MaintenanceWindow?> StopAsync(string stoppedBy, CancellationToken ct)
    {
        var stopped = await store.StopAsync(stoppedBy, ct).ConfigureAwait(false);
        cache.Invalidate();
        if (stopped is not null)
        {
            LogMessages.MaintenanceStopped(logger, stopped.Id);
        }

        return stopped;
    }

    /// <summary>The current or last window, its notices, and what this region holds.</summary>
    public async Task<MaintenanceStatus> StatusAsync(CancellationToken ct)
    {
        var window = await store.ReadAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var notices = window is null ? 0 : await store.Notices.CountSentAsync(window.Id, ct).ConfigureAwait(false);
        var depth = await held.ReadDepthAsync(ct).ConfigureAwait(false);
        return new MaintenanceStatus(now, window?.StateAt(now) ?? MaintenanceState.None, window, notices, depth.Name, depth.ApproximateMessages);
    }
}

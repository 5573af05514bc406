using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// The inbox's side of maintenance mode (<c>InboxProcessor</c> asks it about each recorded webhook). A webhook that carries
/// users' messages is held, moved whole to the region's <see cref="HeldQueue"/>, while a window is active (each of its
/// senders then gets the notice once) and, after the window, while this region's held queue is not yet drained, so
/// that no user's new message overtakes the ones held before it. Statuses are not held: the processor applies them at
/// once. Moving, rather than failing the queue message, is what keeps the Functions queue trigger from counting dequeues
/// into the poison queue during a window of hours; see docs/operations/maintenance.md.
/// </summary>
public sealed class MaintenanceHold(MaintenanceWindowCache windows, HeldQueue held, MaintenanceNotices notices, TimeProvider time, ILogger<MaintenanceHold> logger)
{
    /// <summary>Whether <paramref name="batch"/> is to be held, and why; null to process it now.</summary>
    public async Task<MaintenanceHoldReason?> DecideAsync(WebhookBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Messages.Count == 0 && batch.IdentityChanges.Count == 0)
        {
            return null; // statuses and errors only: nothing a user wrote
        }

        if (await windows.CurrentAsync(ct).ConfigureAwait(false) is { } window && window.IsActiveAt(time.GetUtcNow()))
        {
            return new MaintenanceHoldReason(window);
        }

        return await held.HasMessagesAsync(ct).ConfigureAwait(false) ? MaintenanceHoldReason.Backlog : null;
    }

    /// <summary>
    /// Holds the webhook (<paramref name="queueMessageText"/>, as the queue handed it over), then, during a window, sends
    /// the notice to each sender who has not had it. When this returns the inbox message may be completed: the held copy
    /// keeps it, and its claim-check blob, until the drain.
    /// </summary>
    public async Task HoldAsync(string queueMessageText, WebhookBatch batch, MaintenanceHoldReason reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(reason);
        await held.SendAsync(queueMessageText, ct).ConfigureAwait(false);
        LogMessages.MaintenanceWebhookHeld(logger, batch.Messages.Count + batch.IdentityChanges.Count, reason.Window?.Id ?? "backlog");
        if (reason.Window is { } window)
        {
            await notices.SendAsync(window, batch.Messages, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>Why a webhook is held: during <see cref="Window"/>, or (null) behind what this region still holds from one.</summary>
public sealed record MaintenanceHoldReason(MaintenanceWindow? Window)
{
    /// <summary>No window is active, but the region's held queue is not drained yet.</summary>
    public static MaintenanceHoldReason Backlog { get; } = new((MaintenanceWindow?)null);
}

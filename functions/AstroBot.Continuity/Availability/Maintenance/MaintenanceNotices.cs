using AstroBot.Continuity.Availability.Notices;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// Tells a user who writes during a window, once per window (across regions and redeliveries), what the window says;
/// see <see cref="UserNotices"/> for how, and best effort (while the Graph API is down the notice waits in the reply
/// outbox like any reply, and counts as sent).
/// </summary>
public sealed class MaintenanceNotices(MaintenanceStore store, UserNotices notices)
{
    /// <summary>Sends <paramref name="window"/>'s notice to each sender of <paramref name="messages"/> who has not had it.</summary>
    public Task SendAsync(MaintenanceWindow window, IEnumerable<InboundMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        return notices.SendAsync(store.Notices, "maintenance", window.Id, window.Message, messages, ct);
    }
}

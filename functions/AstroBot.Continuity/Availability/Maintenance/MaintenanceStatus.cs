namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// Maintenance as an operator sees it (<c>continuity maintenance status</c>, <c>GET /api/maintenance</c>): the current
/// or last window and what it did in this region. No personal data: the window's message is the operator's text.
/// </summary>
/// <param name="CheckedAt">When this was read.</param>
/// <param name="State">Where the window stands; <see cref="MaintenanceState.None"/> when none was ever started.</param>
/// <param name="Window">The current or last window, or null.</param>
/// <param name="NoticesSent">How many users got the window's notice (every region).</param>
/// <param name="HeldQueue">This region's held queue.</param>
/// <param name="HeldMessages">How many webhooks it holds (approximate): held during the window, or waiting behind those, until the drain.</param>
public sealed record MaintenanceStatus(
    DateTimeOffset CheckedAt,
    MaintenanceState State,
    MaintenanceWindow? Window,
    long NoticesSent,
    string HeldQueue,
    long HeldMessages)
{
    /// <summary>True while messages are held and users get the notice.</summary>
    public bool Active => State == MaintenanceState.Active;
}

/// <summary>What starting a window did, or why it was refused.</summary>
/// <param name="Window">The window as stored (null when refused).</param>
/// <param name="Created">True for a new window, false when an active one was changed.</param>
/// <param name="Problem">Why the request was refused (nothing stored), in words an operator can act on.</param>
public sealed record MaintenanceStartResult(MaintenanceWindow? Window, bool Created, string? Problem);

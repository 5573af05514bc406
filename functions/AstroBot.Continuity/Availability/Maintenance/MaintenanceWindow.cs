namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// A maintenance window: while it is active the inbox holds users' messages (the front door still acknowledges them)
/// and tells each user who writes, once, <see cref="Message"/>. It ends at <see cref="Until"/> by itself, or earlier
/// when an operator stops it. One row in the message ledger's table, shared by every region.
/// </summary>
/// <param name="Id">The window's id (<c>20270115T080000Z-1a2b3c4d</c>): notices are once per window id and user.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="Until">When it ends by itself.</param>
/// <param name="Message">The notice users get, as typed (1 to 4,096 characters: one WhatsApp text).</param>
/// <param name="StartedBy">Who started it (an operator's name, or the route).</param>
/// <param name="StoppedAt">When an operator stopped it, or null.</param>
/// <param name="StoppedBy">Who stopped it, or null.</param>
public sealed record MaintenanceWindow(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset Until,
    string Message,
    string StartedBy,
    DateTimeOffset? StoppedAt = null,
    string? StoppedBy = null)
{
    /// <summary>True while messages are held: started, not stopped, and <see cref="Until"/> not reached.</summary>
    public bool IsActiveAt(DateTimeOffset now) => StoppedAt is null && StartedAt <= now && now < Until;

    /// <summary>When it ended or ends: when it was stopped, else <see cref="Until"/>.</summary>
    public DateTimeOffset EndsAt => StoppedAt is { } stopped && stopped < Until ? stopped : Until;

    /// <summary>Where the window stands at <paramref name="now"/>.</summary>
    public MaintenanceState StateAt(DateTimeOffset now) =>
        IsActiveAt(now) ? MaintenanceState.Active
        : StoppedAt is { } stopped && stopped < Until ? MaintenanceState.Stopped
        : MaintenanceState.Ended;
}

/// <summary>Where a maintenance window stands.</summary>
public enum MaintenanceState
{
    /// <summary>No window was ever started (or its row was pruned long after it ended).</summary>
    None,

    /// <summary>Messages are held and users get the notice.</summary>
    Active,

    /// <summary>It reached its end by itself.</summary>
    Ended,

    /// <summary>An operator stopped it before its end.</summary>
    Stopped,
}

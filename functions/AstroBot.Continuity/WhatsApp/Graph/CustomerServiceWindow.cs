namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// WhatsApp's customer service window: free-form messages are allowed only within 24 hours of the user's
/// last message; afterwards only a template (Graph error 131047 otherwise).
/// </summary>
public static class CustomerServiceWindow
{
    /// <summary>How long the window stays open after the user's last message.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>True when a user who last wrote at <paramref name="lastInboundAt"/> can get free text at <paramref name="now"/>.</summary>
    public static bool IsOpen(DateTimeOffset? lastInboundAt, DateTimeOffset now) =>
        lastInboundAt is { } last && now - last < Length;
}

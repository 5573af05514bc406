namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Delivery status of a message the bot sent. Numeric order is progress order; <see cref="Failed"/> is terminal.</summary>
public enum MessageStatus
{
    /// <summary>Meta accepted and sent it.</summary>
    Sent = 1,

    /// <summary>It reached the user's device.</summary>
    Delivered = 2,

    /// <summary>The user opened it.</summary>
    Read = 3,

    /// <summary>It could not be delivered; the update carries errors.</summary>
    Failed = 4,
}

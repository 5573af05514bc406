namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>
/// When a person last wrote, as the inbox knows it (the message ledger's contact row): the drain fits a waiting reply to
/// the 24-hour window with the later of this and the time stored with the reply, so a user who wrote again meanwhile
/// gets the reply itself rather than the reconnect template.
/// </summary>
public interface ILastInboundLookup
{
    /// <summary>When the person with stable key <paramref name="waId"/> last wrote, or null when not known.</summary>
    Task<DateTimeOffset?> GetLastInboundAtAsync(string waId, CancellationToken ct);
}

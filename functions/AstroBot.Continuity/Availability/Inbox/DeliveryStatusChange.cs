using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>What the ledger did with a status update of a message the bot sent.</summary>
/// <param name="Applied">False when the ledger already held this status or a later one.</param>
/// <param name="Current">The status the ledger holds now.</param>
public sealed record DeliveryStatusChange(bool Applied, MessageStatus Current);

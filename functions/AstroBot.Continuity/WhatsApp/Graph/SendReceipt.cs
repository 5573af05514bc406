namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>Meta accepted a message for delivery.</summary>
/// <param name="Wamid">The id Meta gave the message; its delivery statuses arrive by webhook under this id.</param>
public sealed record SendReceipt(string Wamid);

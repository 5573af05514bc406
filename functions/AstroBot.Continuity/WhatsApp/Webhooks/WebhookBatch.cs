namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Everything one webhook POST carried, flattened over its entries and changes.</summary>
public sealed record WebhookBatch(
    IReadOnlyList<InboundMessage> Messages,
    IReadOnlyList<MessageStatusUpdate> Statuses,
    IReadOnlyList<WebhookError> Errors);

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Everything one webhook POST carried, flattened over its entries and changes.</summary>
/// <param name="Messages">What users sent to the bot.</param>
/// <param name="Statuses">Delivery statuses of what the bot sent.</param>
/// <param name="IdentityChanges">System messages: a user changed phone number or BSUID.</param>
/// <param name="Errors">Errors Meta reported about the webhook itself.</param>
public sealed record WebhookBatch(
    IReadOnlyList<InboundMessage> Messages,
    IReadOnlyList<MessageStatusUpdate> Statuses,
    IReadOnlyList<IdentityChange> IdentityChanges,
    IReadOnlyList<WebhookError> Errors);

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// The outcome of parsing one webhook POST: either a <see cref="Batch"/> or an <see cref="Error"/> that says
/// what is wrong (a JSON path, never a value from the payload).
/// </summary>
public sealed record WebhookParseResult(WebhookBatch? Batch, string? Error)
{
    /// <summary>True when the payload parsed into a batch.</summary>
    public bool IsValid => Batch is not null;

    internal static WebhookParseResult Valid(WebhookBatch batch) => new(batch, null);

    internal static WebhookParseResult Invalid(string error) => new(null, error);
}

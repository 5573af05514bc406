namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>An error Meta reported in a webhook (<c>value.errors[]</c> or <c>statuses[].errors[]</c>).</summary>
/// <param name="Code">Meta's error code, e.g. 131026 (undeliverable) or 131047 (outside the 24 h window).</param>
/// <param name="Title">Meta's short title.</param>
/// <param name="Details"><c>error_data.details</c>, else <c>message</c>, when given.</param>
public sealed record WebhookError(int Code, string Title, string? Details);

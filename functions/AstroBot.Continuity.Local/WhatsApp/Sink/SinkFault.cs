namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>An error answer the sink gives instead of accepting a message.</summary>
/// <param name="HttpStatus">The HTTP status to answer, e.g. 429 or 500.</param>
/// <param name="GraphErrorCode">Graph's <c>error.code</c> to put in the body; null for a body without one.</param>
/// <param name="RetryAfter">A Retry-After header to send, if any.</param>
public sealed record SinkFault(int HttpStatus, int? GraphErrorCode, TimeSpan? RetryAfter = null);

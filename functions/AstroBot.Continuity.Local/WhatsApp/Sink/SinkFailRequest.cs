namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>Body of <c>POST /_sink/fail</c>: answer the next <paramref name="Times"/> sends with this error.</summary>
/// <param name="Status">The HTTP status, e.g. 429 or 500.</param>
/// <param name="Code">Graph's <c>error.code</c>, if any.</param>
/// <param name="Times">How many sends fail; default 1.</param>
/// <param name="RetryAfterSeconds">A Retry-After header to send, if any.</param>
public sealed record SinkFailRequest(int Status, int? Code = null, int Times = 1, int? RetryAfterSeconds = null);

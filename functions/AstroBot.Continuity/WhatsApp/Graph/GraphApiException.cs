namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// A send failed. The message names status and codes only: Graph's own error text can quote the recipient.
/// </summary>
public sealed class GraphApiException : Exception
{
    /// <summary>Creates an exception for a failed send.</summary>
    public GraphApiException(string message, int? httpStatus, int? errorCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status Graph answered; null when no answer came (network failure, timeout).</summary>
    public int? HttpStatus { get; }

    /// <summary>Graph's <c>error.code</c>, e.g. 131047 (outside the 24 h window); null when absent.</summary>
    public int? ErrorCode { get; }

    /// <summary>Graph's <c>error.error_subcode</c>, when given.</summary>
    public int? ErrorSubcode { get; init; }

    /// <summary>Graph's <c>error.fbtrace_id</c>, to quote to Meta support.</summary>
    public string? FbTraceId { get; init; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when trying again later may succeed (rate limits, 5xx, timeouts).</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// True when Meta refused the sender, not the message (HTTP 401, or Graph's error 190: the access token expired or was
    /// revoked): no reply can go until an operator renews the token, after which every one can. Not retried at once, but
    /// worth waiting for: the reply outbox keeps such replies instead of setting them aside.
    /// </summary>
    public bool IsSenderRefused => HttpStatus == 401 || ErrorCode == AccessTokenInvalid;

    /// <summary>Graph's error code for an access token that expired, was revoked or is otherwise invalid.</summary>
    public const int AccessTokenInvalid = 190;
}

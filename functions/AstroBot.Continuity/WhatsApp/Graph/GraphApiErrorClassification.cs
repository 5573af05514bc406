namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>Which Graph API failures are worth retrying, per Meta's error code reference.</summary>
internal static class GraphApiErrorClassification
{
    /// <summary>Rate limits: 4 (app), 80007 (WABA), 130429 (throughput), 131056 (business-user pair).</summary>
    private static readonly HashSet<int> RateLimitCodes = [4, 80007, 130429, 131056];

    /// <summary>
    /// Permanent for this message: 131026 (undeliverable), 131047 (outside the 24 h window), 131062 (this kind of
    /// message cannot go to a BSUID recipient).
    /// </summary>
    private static readonly HashSet<int> PermanentCodes = [131026, 131047, 131062];

    /// <param name="httpStatus">The HTTP status, or null when no answer came (network failure, timeout).</param>
    /// <param name="errorCode">Graph's <c>error.code</c>, when the answer carried one.</param>
    public static bool IsTransient(int? httpStatus, int? errorCode)
    {
        if (errorCode is { } code)
        {
            if (RateLimitCodes.Contains(code))
            {
                return true;
            }

            if (PermanentCodes.Contains(code))
            {
                return false;
            }
        }

        return httpStatus is null or 429 or >= 500;
    }
}

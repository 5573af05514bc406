namespace AstroBot.Continuity.Availability.Reporting.LogAnalytics;

/// <summary>A Log Analytics query that gave no usable answer: refused, throttled, partial or unreadable. The message says which, and what to do.</summary>
public sealed class LogAnalyticsQueryException : Exception
{
    public LogAnalyticsQueryException()
    {
    }

    public LogAnalyticsQueryException(string message)
        : base(message)
    {
    }

    public LogAnalyticsQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the service answered; null when the answer was a 200 that could not be used.</summary>
    public int? Status { get; init; }

    /// <summary>How long the service asked to wait before another try (<c>Retry-After</c> of a 429 or 503); null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

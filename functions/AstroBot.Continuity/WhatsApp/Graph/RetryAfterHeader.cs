using System.Net.Http.Headers;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>Reads an HTTP <c>Retry-After</c> header, which is either seconds or a date.</summary>
internal static class RetryAfterHeader
{
    /// <summary>How long the server asks us to wait, or null when it did not say (or the date has passed).</summary>
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta >= TimeSpan.Zero ? delta : null;
        }

        if (header?.Date is { } date && date > now)
        {
            return date - now;
        }

        return null;
    }
}

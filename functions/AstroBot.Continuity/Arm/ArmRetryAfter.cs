using System.Globalization;
using Azure;

namespace AstroBot.Continuity.Arm;

/// <summary>The wait a Resource Manager answer asks for before the next request.</summary>
public static class ArmRetryAfter
{
    /// <summary>
    /// <c>Retry-After</c> in seconds, as Resource Manager sends it on a 429 and on an operation's status; an HTTP date
    /// counts from the answer's <c>Date</c>. Null when the answer asks for nothing (or for something unreadable).
    /// </summary>
    public static TimeSpan? Of(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && response.Headers.Date is { } now
            ? at > now ? at - now : TimeSpan.Zero
            : null;
    }
}

using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Invariant 10, an acknowledged message never expires: every queue message that carries a user's message, or a
/// request made for a user, is sent through here, with no time-to-live. Without it Azure Storage keeps a message 7 days
/// (the service default) and then drops it silently: a week of outage would lose what Meta was told is safe.
/// Azure Storage and Azurite take <c>-1</c> seconds as "never expires" and report such a message's
/// <c>ExpiresOn</c> as 9999-12-31.
/// </summary>
public static class InfiniteTimeToLive
{
    /// <summary>The time-to-live the queue service reads as infinite.</summary>
    public static readonly TimeSpan Value = TimeSpan.FromSeconds(-1);

    // A message sent with Value expires on 9999-12-31; anything before this year was sent with a finite time-to-live.
    private const int NeverYear = 9999;

    /// <summary>Sends <paramref name="messageText"/> to <paramref name="queue"/>, never to expire.</summary>
    public static Task<Response<SendReceipt>> SendAsync(QueueClient queue, string messageText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.SendMessageAsync(messageText, visibilityTimeout: null, timeToLive: Value, cancellationToken: ct);
    }

    /// <summary>Sends <paramref name="body"/> (a received message's body, as it was) to <paramref name="queue"/>, never to expire.</summary>
    public static Task<Response<SendReceipt>> SendAsync(QueueClient queue, BinaryData body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.SendMessageAsync(body, visibilityTimeout: null, timeToLive: Value, cancellationToken: ct);
    }

    /// <summary>True when a message with this expiry was sent with an infinite time-to-live (or the service reports none).</summary>
    public static bool Holds(DateTimeOffset? expiresOn) => expiresOn is not { } expiry || expiry.UtcDateTime.Year >= NeverYear;
}

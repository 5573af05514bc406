using System.Net.Sockets;
using Azure;

namespace AstroBot.Continuity.Storage;

/// <summary>What Azure Storage throws when it is down or slow, in one place for everything that degrades on it.</summary>
public static class StorageFailure
{
    /// <summary>
    /// The service's errors, the SDK retry policy's aggregate of them, and transport failures (a connection reset just
    /// after it opened surfaces as a bare <see cref="SocketException"/> from .NET's connection pool). Cancellation is
    /// not included: whether a cancellation is a storage timeout or the caller's stop is the caller's call.
    /// </summary>
    public static bool Is(Exception exception) =>
        exception is RequestFailedException or AggregateException or HttpRequestException or IOException or SocketException or TimeoutException;
}

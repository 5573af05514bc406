using System.Net.Sockets;
using Azure;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Availability.Degradation;

/// <summary>
/// Whether a failure means a dependency of the inbox is down or overloaded (Cosmos DB, the app's storage account with
/// the ledger, the identity directory and the bot's queue), rather than something wrong with the message. Both SDKs
/// retry such failures before they reach us, so one that does is worth waiting out, not retrying at once.
/// </summary>
public static class DependencyOutage
{
    /// <summary>Which dependency failed (<c>cosmos-db</c>, <c>storage</c>, <c>network</c>, <c>timeout</c>), or null when the failure is not an outage.</summary>
    /// <remarks>A cancellation counts as a timeout: the caller checks first that it did not ask for it.</remarks>
    public static string? Describe(Exception exception) => exception switch
    {
        CosmosException cosmos => IsUnavailable((int)cosmos.StatusCode) ? "cosmos-db" : null,
        RequestFailedException storage => storage.Status == 0 || IsUnavailable(storage.Status) ? "storage" : null,
        AggregateException aggregate => OfAll(aggregate.InnerExceptions),
        HttpRequestException or IOException or SocketException => "network",
        TimeoutException or OperationCanceledException => "timeout",
        _ => null,
    };

    private static bool IsUnavailable(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    // The storage SDK's retry policy throws its attempts together: an outage only when every attempt was one.
    private static string? OfAll(IReadOnlyCollection<Exception> failures)
    {
        var described = failures.Select(Describe).ToList();
        return described.Count > 0 && described.All(dependency => dependency is not null) ? described[^1] : null;
    }
}

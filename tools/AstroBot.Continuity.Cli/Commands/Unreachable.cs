using System.Net;
using Azure;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>Tells "the account or emulator does not answer" (exit 3) apart from every other failure.</summary>
internal static class Unreachable
{
    /// <summary>What could not be reached, or null when <paramref name="exception"/> is not a connection failure.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        // Status 0: no HTTP answer at all. The SDK's retry policy wraps its attempts in an AggregateException.
        RequestFailedException { Status: 0 } => "Azure Storage",
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => Describe(inner) is not null) => Describe(aggregate.InnerExceptions[0]),
        CosmosException { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout } => "Cosmos DB",
        HttpRequestException => "A backend service",
        _ => null,
    };

    public static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

using System.Text.Json;
using Azure;
using Azure.Core;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// A Resource Manager operation followed through its <see cref="ArmOperationLink"/>, for requests sent through
/// <see cref="ArmRestClient"/> and for an ArmClient request whose operation must be resumed elsewhere (another
/// activity). Each <see cref="UpdateStatusAsync"/> polls once; an operation that ends <c>Failed</c> or <c>Canceled</c>,
/// or a poll Resource Manager refuses, throws a <see cref="RequestFailedException"/> with that answer (its error inside),
/// as Azure.Core's operations do. <see cref="ArmOperationPolling"/> polls it to the end.
/// </summary>
public sealed class ArmAsyncOperation : Operation
{
    private readonly ArmRestClient client;
    private Response? response;
    private bool completed;

    internal ArmAsyncOperation(ArmRestClient client, Response? response, ArmOperationLink? link)
    {
        this.client = client;
        this.response = response;
        Link = link;
        completed = link is null;
        Status = link is null ? "Succeeded" : "Accepted";
    }

    /// <summary>Where the operation is polled; null when the first answer was the end of it.</summary>
    public ArmOperationLink? Link { get; }

    /// <summary>The operation's last known status: <c>Accepted</c>, what <c>Azure-AsyncOperation</c> said (<c>InProgress</c>, ...), or <c>Succeeded</c>.</summary>
    public string Status { get; private set; }

    /// <summary>The wait the last answer asked for before the next poll, if any.</summary>
    public TimeSpan? RetryAfter => response is null ? null : ArmRetryAfter.Of(response);

    public override string Id => Link?.Url.AbsoluteUri ?? string.Empty;

    public override bool HasCompleted => completed;

    public override Response GetRawResponse() =>
        response ?? throw new InvalidOperationException("The operation has not been polled yet.");

    public override async ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (completed || Link is null)
        {
            return GetRawResponse();
        }

        var poll = await client.SendAsync(RequestMethod.Get, Link.Url, null, cancellationToken).ConfigureAwait(false);
        response = poll;
        Status = Link.Header == ArmOperationHeader.AzureAsyncOperation ? StatusOfAsyncOperation(poll) : StatusOfLocation(poll);
        completed = Status == "Succeeded";
        return poll;
    }

    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        UpdateStatusAsync(cancellationToken).AsTask().GetAwaiter().GetResult();

    /// <summary><c>{"status": ...}</c> of a 200; Failed and Canceled throw with the answer, whose <c>error</c> says why.</summary>
    private static string StatusOfAsyncOperation(Response poll)
    {
        if (poll.Status != 200)
        {
            throw new RequestFailedException(poll);
        }

        string? status = null;
        try
        {
            using var document = JsonDocument.Parse(poll.Content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var value) && value.ValueKind == JsonValueKind.String)
            {
                status = value.GetString();
            }
        }
        catch (JsonException)
        {
            // Unreadable: refused below like an answer without a status.
        }

        return status switch
        {
            null => throw new RequestFailedException(poll.Status, "The operation's status has no 'status': it is not Resource Manager's asynchronous-operation answer."),
            _ when IsOneOf(status, "Failed", "Canceled", "Cancelled") => throw new RequestFailedException(poll),
            _ when IsOneOf(status, "Succeeded") => "Succeeded",
            _ => status,
        };
    }

    /// <summary>202 while in progress; 200, 201 or 204 once done; anything else is the operation's failure.</summary>
    private static string StatusOfLocation(Response poll) => poll.Status switch
    {
        202 => "InProgress",
        200 or 201 or 204 => "Succeeded",
        _ => throw new RequestFailedException(poll),
    };

    private static bool IsOneOf(string status, params string[] values) =>
        values.Any(value => string.Equals(status, value, StringComparison.OrdinalIgnoreCase));
}

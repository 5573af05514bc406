using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// The automated failover's operator routes (the local host serves them on loopback; a function key in Azure):
/// <c>GET /api/failover</c> (its state and the last decisions), <c>POST /api/failover/approve</c> and <c>.../reject</c>
/// with an optional <c>{"by": "..."}</c> (200, or 409 when no automated failover is running to take the answer).
/// </summary>
public sealed class FailoverEndpoint(AutoFailoverStarter starter, FailoverDecisionLog log)
{
    /// <summary>How many decisions the state lists.</summary>
    public const int RecentCount = 20;

    /// <summary>Who answered through the route, when the body does not say.</summary>
    public const string DefaultActor = "api";

    private const int MaxBodyBytes = 4 * 1024;

    public async Task<IResult> GetAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(FailoverSignals.InstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        var decisions = await log.RecentAsync(RecentCount, cancellationToken).ConfigureAwait(false);
        return Results.Json(
            new { state = instance?.RuntimeStatus.ToString().ToLowerInvariant() ?? "none", phase = instance?.SerializedCustomStatus, decisions },
            ApiJson.Options);
    }

    public async Task<IResult> AnswerAsync(HttpRequest request, bool approve, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (root, error) = await ApiJson.ReadObjectAsync(request, MaxBodyBytes, "The body is larger than 4 KB.", cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        string? by = null;
        if (root is { } body && !ApiJson.TryGetString(body, "by", required: false, out by))
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "The body must be empty or a JSON object {\"by\": \"who (optional)\"} with a string.");
        }

        var answered = await starter.AnswerAsync(new FailoverApproval(approve, ApiJson.Actor(by) ?? DefaultActor), client, cancellationToken).ConfigureAwait(false);
        return answered
            ? Results.Json(new { answered = approve ? "approved" : "rejected" }, ApiJson.Options)
            : ApiJson.Error(StatusCodes.Status409Conflict, "No automated failover is running: nothing to approve or reject.");
    }
}

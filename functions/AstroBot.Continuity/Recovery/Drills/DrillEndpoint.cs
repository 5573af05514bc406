using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// The operators' drill routes, in both hosts (a function key in Azure; the local host serves them on loopback):
/// <list type="bullet">
/// <item><c>POST /api/drills/{kind}</c> (<c>restore</c>, <c>failover</c>) with an optional <c>{"by": "..."}</c>: starts the
/// drill (202 with its id and where to follow it), 409 while another drill runs, 403 on production data without the
/// confirmation setting, 404 for a kind there is no drill of.</item>
/// <item><c>GET /api/drills</c>: the history, newest first. <c>GET /api/drills/{id}</c>: one drill's record (404 when unknown).</item>
/// </list>
/// </summary>
public sealed class DrillEndpoint(DrillOrchestrations orchestrations, DrillHistory history)
{
    /// <summary>Who started a drill through the route, when the body does not say.</summary>
    public const string DefaultActor = "api";

    private const int MaxBodyBytes = 4 * 1024;

    /// <summary><c>POST</c>: starts a drill of <paramref name="kind"/>.</summary>
    /// <param name="managementUrls">The Durable host's own status URLs of an instance, where it has them (the Functions app).</param>
    public async Task<IResult> StartAsync(
        HttpRequest request, string kind, DurableTaskClient client, Func<string, object?>? managementUrls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!DrillKinds.TryParse(kind, out var drillKind))
        {
            return ApiJson.Error(StatusCodes.Status404NotFound, $"There is no '{kind}' drill; the drills are {string.Join(", ", DrillKinds.All.Select(DrillKinds.NameOf))}.");
        }

        var (root, error) = await ApiJson.ReadObjectAsync(request, MaxBodyBytes, "The body is larger than 4 KB.", cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (root is not { } body || !ApiJson.TryGetString(body, "by", required: false, out var by))
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "The body must be empty or a JSON object {\"by\": \"who (optional)\"}.");
        }

        var result = await orchestrations.StartAsync(drillKind, ApiJson.Actor(by) ?? DefaultActor, client, cancellationToken).ConfigureAwait(false);
        if (result.Started is not { } record)
        {
            return result.RunningDrillId is { } running
                ? Results.Json(new { error = $"Not started: {result.Refused}.", running_drill_id = running }, ApiJson.Options, statusCode: StatusCodes.Status409Conflict)
                : ApiJson.Error(StatusCodes.Status403Forbidden, $"Not started: {result.Refused}.");
        }

        var statusUrl = $"/{HttpRoutes.Prefix}/{HttpRoutes.Drills}/{record.DrillId}";
        request.HttpContext.Response.Headers.Location = statusUrl;
        return Results.Json(
            new { drill_id = record.DrillId, kind = drillKind, status_url = statusUrl, durable = managementUrls?.Invoke(record.DrillId) },
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET</c>: every drill, newest first.</summary>
    public async Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        Results.Json(await history.ListAsync(cancellationToken).ConfigureAwait(false), ApiJson.Options);

    /// <summary><c>GET .../{id}</c>: one drill.</summary>
    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken) =>
        DrillId.IsWellFormed(id) && await history.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } record
            ? Results.Json(record, ApiJson.Options)
            : ApiJson.Error(StatusCodes.Status404NotFound, $"There is no drill '{id}' (see GET /api/drills).");
}

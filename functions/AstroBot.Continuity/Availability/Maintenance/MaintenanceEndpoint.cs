using System.Text.Json;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// The operators' maintenance route, <c>/api/maintenance</c> (<see cref="HttpRoutes.Maintenance"/>), in both hosts:
/// <c>GET</c> the status (200); <c>POST</c> with <c>{"until": "...", "message": "...", "by": "..."}</c> starts a window
/// (201, or 200 when it changed the active one); <c>DELETE</c> stops it (200, or 404 when none was active). A body that
/// is not such an object, or a request <c>maintenance start</c> would refuse, is 400 with <c>{"error": "..."}</c>, never
/// 500. A function key guards it in Azure; the local host serves it on loopback, as its other operator routes.
/// </summary>
public sealed class MaintenanceEndpoint(MaintenanceControl control)
{
    /// <summary>The largest body read: a 4,096-character message, every character escaped as <c>\uXXXX</c>, fits.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Who started or stopped a window through the route, when the body does not say.</summary>
    public const string DefaultActor = "api";

    /// <summary><c>GET</c>: the status.</summary>
    public async Task<IResult> GetAsync(CancellationToken cancellationToken) =>
        Results.Json(await control.StatusAsync(cancellationToken).ConfigureAwait(false), ApiJson.Options);

    /// <summary><c>POST</c>: starts (or changes) a window.</summary>
    public async Task<IResult> PostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (root, error) = await ApiJson.ReadObjectAsync(
            request, MaxBodyBytes, $"The body is larger than {MaxBodyBytes / 1024} KB; a notice holds {MaintenanceRequest.MaxMessageLength} characters.", cancellationToken)
            .ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (Parse(root) is not { } start)
        {
            return Error(StatusCodes.Status400BadRequest, "The body must be a JSON object {\"until\": \"2027-01-15T10:00:00Z or 2h\", \"message\": \"what users read\", \"by\": \"who (optional)\"} with until and message as strings.");
        }

        var result = await control.StartAsync(start.Until, start.Message, start.By ?? DefaultActor, cancellationToken).ConfigureAwait(false);
        if (result.Problem is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        var status = await control.StatusAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(status, ApiJson.Options, statusCode: result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary><c>DELETE</c>: stops the active window.</summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string by = request.Query["by"] is [{ Length: > 0 and <= 256 } named] ? named : DefaultActor;
        if (await control.StopAsync(by, cancellationToken).ConfigureAwait(false) is null)
        {
            return Error(StatusCodes.Status404NotFound, "No maintenance window is active: nothing to stop.");
        }

        return Results.Json(await control.StatusAsync(cancellationToken).ConfigureAwait(false), ApiJson.Options);
    }

    /// <summary>The body's fields, or null when it is not a JSON object whose fields are strings (or absent, for <c>by</c>).</summary>
    private static StartBody? Parse(JsonElement? body) =>
        body is { } root
        && ApiJson.TryGetString(root, "until", required: true, out var until)
        && ApiJson.TryGetString(root, "message", required: true, out var message)
        && ApiJson.TryGetString(root, "by", required: false, out var by)
            ? new StartBody(until, message, ApiJson.Actor(by))
            : null;

    private static IResult Error(int status, string message) => ApiJson.Error(status, message);

    private sealed record StartBody(string? Until, string? Message, string? By);
}

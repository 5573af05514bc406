using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// The operators' incident routes, in both hosts (a function key in Azure; the local host serves them on loopback):
/// <list type="bullet">
/// <item><c>GET /api/incidents</c>: the status (200).</item>
/// <item><c>POST /api/incidents</c> with <c>{"message": "...", "by": "..."}</c>: opens an incident (201), or changes the open
/// one's message (200).</item>
/// <item><c>POST /api/incidents/resolve</c> with <c>{"message": "...", "by": "..."}</c>, both optional: resolves the open
/// incident (200), 404 when none is open.</item>
/// <item><c>POST /api/incidents/alert</c>: an Azure Monitor action group's webhook (common alert schema): <c>Fired</c> opens an
/// incident when none is open, <c>Resolved</c> resolves one an alert opened once no alert that fired during it still fires.
/// Where the host gives a Durable Task client, <c>Fired</c> is also a signal to the automated failover (the route is the
/// paging action group's webhook; docs/dr/README.md, "Automated failover").</item>
/// </list>
/// A body that is not what a route takes is 400 with <c>{"error": "..."}</c>, never 500.
/// </summary>
public sealed class IncidentEndpoint(IncidentControl control, AutoFailoverStarter failover, ILogger<IncidentEndpoint> logger)
{
    /// <summary>The largest body read: a 1,000-character message, every character escaped, fits; so does an alert's payload.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Who opened or resolved an incident through the route, when the body does not say.</summary>
    public const string DefaultActor = "api";

    private const string TooLarge = "The body is larger than 64 KB.";

    /// <summary><c>GET</c>: the status.</summary>
    public async Task<IResult> GetAsync(CancellationToken cancellationToken) =>
        Results.Json(await control.StatusAsync(cancellationToken).ConfigureAwait(false), ApiJson.Options);

    /// <summary><c>POST</c>: opens an incident, or changes the open one's message.</summary>
    public async Task<IResult> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (root, error) = await ApiJson.ReadObjectAsync(request, MaxBodyBytes, TooLarge, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (root is not { } body
            || !ApiJson.TryGetString(body, "message", required: true, out var message)
            || !ApiJson.TryGetString(body, "by", required: false, out var by))
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "The body must be a JSON object {\"message\": \"what users read on the status page\", \"by\": \"who (optional)\"} with strings.");
        }

        var result = await control.OpenAsync(message, ApiJson.Actor(by) ?? DefaultActor, cancellationToken).ConfigureAwait(false);
        if (result.Problem is { } problem)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, problem);
        }

        var status = await control.StatusAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(status, ApiJson.Options, statusCode: result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary><c>POST .../resolve</c>: resolves the open incident.</summary>
    public async Task<IResult> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (root, error) = await ApiJson.ReadObjectAsync(request, MaxBodyBytes, TooLarge, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (root is not { } body
            || !ApiJson.TryGetString(body, "message", required: false, out var message)
            || !ApiJson.TryGetString(body, "by", required: false, out var by))
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "The body must be empty or a JSON object {\"message\": \"public words (optional)\", \"by\": \"who (optional)\"} with strings.");
        }

        var result = await control.ResolveAsync(message, ApiJson.Actor(by) ?? DefaultActor, cancellationToken).ConfigureAwait(false);
        if (result.Problem is { } problem)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, problem);
        }

        if (result.Incident is null)
        {
            return ApiJson.Error(StatusCodes.Status404NotFound, "No incident is open: nothing to resolve.");
        }

        return Results.Json(await control.StatusAsync(cancellationToken).ConfigureAwait(false), ApiJson.Options);
    }

    /// <summary><c>POST .../alert</c>: an action group's webhook.</summary>
    public Task<IResult> AlertAsync(HttpRequest request, CancellationToken cancellationToken) => AlertAsync(request, durable: null, cancellationToken);

    /// <summary><c>POST .../alert</c>, a fired alert also signalling the automated failover through <paramref name="durable"/> when given.</summary>
    public async Task<IResult> AlertAsync(HttpRequest request, DurableTaskClient? durable, CancellationToken cancellationToken)
    {
        var (root, error) = await ApiJson.ReadObjectAsync(request, MaxBodyBytes, TooLarge, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if ((root is { } body ? AzureMonitorAlert.From(body) : null) is not { } alert)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "The body must be Azure Monitor's common alert schema, with data.essentials.alertRule and data.essentials.monitorCondition (Fired or Resolved).");
        }

        LogMessages.IncidentAlertReceived(logger, alert.AlertRule, alert.Fired);
        var changed = alert.Fired
            ? await control.OpenAutomaticallyAsync(IncidentOpeners.Alert, alert.AlertRule, cancellationToken).ConfigureAwait(false)
            : await control.AlertResolvedAsync(alert.AlertRule, cancellationToken).ConfigureAwait(false);
        var action = changed is null ? "unchanged" : alert.Fired ? "opened" : "resolved";
        if (!alert.Fired || durable is null)
        {
            return Results.Json(new { action, incident_id = changed?.Id }, ApiJson.Options);
        }

        var signalled = await failover.SignalAsync(new FailoverSignal(FailoverSignals.Alert, alert.AlertRule), durable, cancellationToken).ConfigureAwait(false);
        LogMessages.AutoFailoverSignalled(logger, FailoverSignals.Alert, signalled);
        return Results.Json(new { action, incident_id = changed?.Id, failover = signalled.ToString().ToLowerInvariant() }, ApiJson.Options);
    }
}

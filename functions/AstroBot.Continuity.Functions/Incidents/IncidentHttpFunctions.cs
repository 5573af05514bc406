using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Incidents;

/// <summary>
/// The operators' incident routes (<see cref="IncidentEndpoint"/>): status, open, resolve, and the alert webhook the page
/// action group calls. Each needs a function key (the action group's webhook carries it in its URL).
/// </summary>
public sealed class IncidentHttpFunctions(IncidentEndpoint endpoint)
{
    [Function("IncidentStatus")]
    public async Task<IActionResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Incidents)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetAsync(cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("IncidentOpen")]
    public async Task<IActionResult> OpenAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.Incidents)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.OpenAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("IncidentResolve")]
    public async Task<IActionResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.IncidentsResolve)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.ResolveAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    /// <summary>A fired alert also signals the automated failover (Recovery/Failover) through the Durable client.</summary>
    [Function("IncidentAlert")]
    public async Task<IActionResult> AlertAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.IncidentsAlert)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.AlertAsync(request, client, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Maintenance;

/// <summary>The operators' maintenance route (<see cref="MaintenanceEndpoint"/>): status, start, stop. Each needs a function key.</summary>
public sealed class MaintenanceHttpFunctions(MaintenanceEndpoint endpoint)
{
    [Function("MaintenanceStatus")]
    public async Task<IActionResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Maintenance)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetAsync(cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("MaintenanceStart")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.Maintenance)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.PostAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("MaintenanceStop")]
    public async Task<IActionResult> StopAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = HttpRoutes.Maintenance)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.DeleteAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

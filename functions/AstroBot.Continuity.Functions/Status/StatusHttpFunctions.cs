using AstroBot.Continuity.Availability.Status;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Status;

/// <summary>
/// The public status (<see cref="StatusEndpoint"/>): anonymous, and declared for every method so that the endpoint, not
/// the host, answers a method other than GET or HEAD (405 with <c>Allow</c>), as the local host does.
/// </summary>
public sealed class StatusHttpFunctions(StatusEndpoint endpoint)
{
    [Function("StatusJson")]
    public async Task<IActionResult> JsonAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = HttpRoutes.Status)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetJsonAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("StatusPage")]
    public async Task<IActionResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = HttpRoutes.StatusPage)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetPageAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

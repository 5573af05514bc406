using AstroBot.Continuity.Availability.Health;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Health;

public sealed class HealthFunctions(HealthEndpoint health)
{
    [Function("HealthAlive")]
    public static Task<IActionResult> AliveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Health)] HttpRequest request) =>
        HttpResults.WriteAsync(HealthEndpoint.Alive(), request.HttpContext);

    [Function("HealthReady")]
    public async Task<IActionResult> ReadyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.HealthReady)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await health.ReadyAsync(cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

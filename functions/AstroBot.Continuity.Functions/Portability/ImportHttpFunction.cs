using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Portability.Import;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Portability;

/// <summary>The operators' import of one export archive (<see cref="ImportEndpoint"/>); needs a function key.</summary>
public sealed class ImportHttpFunction(ImportEndpoint endpoint)
{
    [Function("PortabilityImport")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.PortabilityImport)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.PostAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

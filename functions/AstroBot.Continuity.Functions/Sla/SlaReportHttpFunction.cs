using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Sla;

/// <summary>The operators' SLA report (<see cref="SlaReportEndpoint"/>): <c>GET /api/sla/report?month=YYYY-MM&amp;format=json|svg|png|html</c>, with a function key.</summary>
public sealed class SlaReportHttpFunction(SlaReportEndpoint endpoint)
{
    [Function("SlaReport")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.SlaReport)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Drills;

/// <summary>
/// The operators' drill routes (<see cref="DrillEndpoint"/>): the Durable HTTP starter of every drill, the history and
/// one drill, and its report. Each needs a function key. The starter's 202 carries Durable's own status URLs beside the drill's.
/// </summary>
public sealed class DrillHttpFunctions(DrillEndpoint endpoint, DrillReportEndpoint report)
{
    [Function("DrillStart")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.DrillStart)] HttpRequest request,
        string kind,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(
            await endpoint.StartAsync(request, kind, client, drillId => client.CreateHttpManagementPayload(drillId), cancellationToken).ConfigureAwait(false),
            request.HttpContext).ConfigureAwait(false);

    [Function("DrillList")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Drills)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.ListAsync(cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("DrillShow")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Drill)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetAsync(id, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("DrillReport")]
    public async Task<IActionResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.DrillReport)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await report.GetAsync(request, id, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

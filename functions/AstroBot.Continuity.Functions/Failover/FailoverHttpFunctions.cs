using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Failover;

/// <summary>The automated failover's operator routes (<see cref="FailoverEndpoint"/>): its state, approve and reject. Each needs a function key.</summary>
public sealed class FailoverHttpFunctions(FailoverEndpoint endpoint)
{
    [Function("FailoverStatus")]
    public async Task<IActionResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Failover)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.GetAsync(client, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("FailoverApprove")]
    public async Task<IActionResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.FailoverApprove)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.AnswerAsync(request, approve: true, client, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    [Function("FailoverReject")]
    public async Task<IActionResult> RejectAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.FailoverReject)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await endpoint.AnswerAsync(request, approve: false, client, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

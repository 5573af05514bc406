using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.FrontDoor;

/// <summary>Meta's webhook: the verification handshake and the signed deliveries.</summary>
public sealed class WhatsAppWebhookFunctions(WebhookEndpoint webhook)
{
    [Function("WhatsAppWebhookVerify")]
    public Task<IActionResult> VerifyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.WhatsAppWebhook)] HttpRequest request) =>
        HttpResults.WriteAsync(webhook.HandleVerification(request), request.HttpContext);

    [Function("WhatsAppWebhookDeliver")]
    public async Task<IActionResult> DeliverAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.WhatsAppWebhook)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await webhook.HandleDeliveryAsync(request, cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);
}

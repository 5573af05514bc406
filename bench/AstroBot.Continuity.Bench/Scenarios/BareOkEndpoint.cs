using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// The HTTP bare limit: Kestrel built the way the local host builds it (slim builder, loopback), on the same
/// route, answering every POST with 200 and doing nothing else: no body read, no signature, no queue. Its readiness
/// route answers 200 too, for a front door probing it.
/// </summary>
internal sealed class BareOkEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareOkEndpoint(WebApplication app, Uri webhookUri)
    {
        this.app = app;
        WebhookUri = webhookUri;
    }

    public Uri WebhookUri { get; }

    public static async Task<BareOkEndpoint> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost($"/{HttpRoutes.Prefix}/{HttpRoutes.WhatsAppWebhook}", () => Results.Ok());
        // The readiness route a front door probes, so one can stand in front of it (the regions benchmark's proxy floor).
        app.MapGet($"/{HttpRoutes.Prefix}/{HttpRoutes.HealthReady}", () => Results.Ok());
        await app.StartAsync(ct).ConfigureAwait(false);

        return new BareOkEndpoint(app, BoundWebhookUri.Of(app));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}

using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>The webhook route on the port Kestrel actually bound (the servers listen on port 0).</summary>
internal static class BoundWebhookUri
{
    public static Uri Of(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var uri = new Uri(new Uri(address), $"/{HttpRoutes.Prefix}/{HttpRoutes.WhatsAppWebhook}");
        // The load never leaves the machine.
        return uri.IsLoopback ? uri : throw new InvalidOperationException($"Not a loopback address: {uri}");
    }
}

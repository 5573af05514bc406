using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// <c>/api/maintenance</c> in <c>continuity serve</c>, served as its other operator routes are (loopback, no key), and a
/// window end to end: the front door acknowledges, the user gets the notice once, the bot gets the message after.
/// </summary>
public sealed class MaintenanceRouteTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string User = "15550003001";

    [Fact]
    public async Task Post_ABadBody_Answers400WithAJsonError()
    {
        using var response = await SendAsync(HttpMethod.Post, """{"until": 7200, "message": "Back soon."}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("must be a JSON object", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AnEndInThePast_Answers400()
    {
        using var response = await SendAsync(HttpMethod.Post, """{"until": "2020-01-01T00:00:00Z", "message": "Back soon."}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not in the future", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWindow_ThroughTheRoutes_HoldsTellsOnceAndDeliversAfter()
    {
        using (var started = await SendAsync(HttpMethod.Post, """{"until": "1h", "message": "AstroBot is down for maintenance; your messages are safe."}"""))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        using (var status = await SendAsync(HttpMethod.Get))
        {
            Assert.Contains("\"state\":\"active\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync("wamid.maint-1", "hello?"));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync("wamid.maint-2", "are you there?"));
        await Eventually.HoldsAsync(() => host.Sink.MessagesTo(User).Count > 0, TimeSpan.FromSeconds(30));
        var drain = host.Services.GetRequiredService<MaintenanceDrainJob>();
        await Eventually.HoldsAsync(async ct => (await host.Services.GetRequiredService<HeldQueue>().ReadDepthAsync(ct)).ApproximateMessages == 2, TimeSpan.FromSeconds(30));
        Assert.Equal(["AstroBot is down for maintenance; your messages are safe."], host.Sink.MessagesTo(User).Select(message => message.Text));

        using (var stopped = await SendAsync(HttpMethod.Delete))
        {
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        }

        var result = await drain.DrainAsync(CancellationToken.None);

        Assert.Equal(2, result.Processed);
        // The bot (the local stand-in) now answers each message.
        await Eventually.HoldsAsync(() => host.Sink.MessagesTo(User).Count == 3, TimeSpan.FromSeconds(30));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(host.BaseUri, $"{HttpRoutes.Prefix}/{HttpRoutes.Maintenance}"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await host.Http.SendAsync(request);
    }

    private async Task<HttpStatusCode> DeliverAsync(string wamid, string text)
    {
        var body = InboundWebhookComposer.TextMessage(LocalHostFixture.PhoneNumberId, User, "Maintenance User", wamid, text, TimeProvider.System.GetUtcNow());
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUri, "api/whatsapp/webhook")) { Content = content };
        request.Headers.Add(WebhookEndpoint.SignatureHeader, new WebhookSignature(LocalHostFixture.AppSecret).Sign(body));
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }
}

using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Availability.FrontDoor;

public sealed class WebhookEndpointStorageDownTests
{
    [Fact]
    public async Task HandleDeliveryAsync_StorageUnreachable_Returns503WithRetryAfter()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = EmulatorEndpoints.UnreachableStorageConnectionString,
            ["WhatsApp:AppSecret"] = FrontDoorHarness.AppSecret,
            ["WhatsApp:VerifyToken"] = FrontDoorHarness.VerifyToken,
            ["WhatsApp:AccessToken"] = "token",
            ["WhatsApp:PhoneNumberId"] = FrontDoorHarness.PhoneNumberId,
            ["FrontDoor:RecordTimeout"] = "00:00:00.500",
            ["FrontDoor:RetryAfter"] = "00:00:20",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddWhatsApp(configuration)
            .AddFrontDoor(configuration)
            .BuildServiceProvider();
        var sut = services.GetRequiredService<WebhookEndpoint>();
        var body = WebhookJson.Text("wamid.down", "hello");
        var request = HttpRequests.Post(body, services.GetRequiredService<WebhookSignature>().Sign(body));

        var result = await sut.HandleDeliveryAsync(request, CancellationToken.None);
        var (status, _, response) = await HttpRequests.ExecuteAsync(result, request);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("20", response.Headers.RetryAfter.ToString());
    }
}

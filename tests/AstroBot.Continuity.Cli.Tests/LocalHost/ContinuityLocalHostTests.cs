using System.Net;
using AstroBot.Continuity.Cli.LocalHost;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

public class ContinuityLocalHostTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Health_WhenRunning_AnswersAlive()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthReady_WithEmulatorsUp_AnswersReady()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ready\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookVerification_WithTheRightToken_EchoesTheChallenge()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WebhookDelivery_WithoutSignature_IsRefused()
    {
        using var content = new StringContent("""{"object":"whatsapp_business_account","entry":[]}""");
        using var response = await host.Http.PostAsync(new Uri(host.BaseUri, "api/whatsapp/webhook"), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Start_WithMissingAppSecret_StopsNamingTheSetting()
    {
        var configuration = LocalHostFixture.Configuration(host.Sink.BaseUri, new Dictionary<string, string?> { ["WhatsApp:AppSecret"] = "" });
        await using var sut = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => sut.StartAsync());

        Assert.Contains("WhatsApp:AppSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithStorageDown_StillServesAndReportsDegraded()
    {
        var configuration = LocalHostFixture.Configuration(host.Sink.BaseUri, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = AstroBot.Continuity.Tests.Fixtures.EmulatorEndpoints.UnreachableStorageConnectionString,
        });
        await using var sut = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0");
        await sut.StartAsync();
        var address = LocalHostFixture.AddressOf(sut);

        using var alive = await host.Http.GetAsync(new Uri(address, "api/health"));
        using var ready = await host.Http.GetAsync(new Uri(address, "api/health/ready"));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"storage\":\"unreachable\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await sut.StopAsync();
    }
}

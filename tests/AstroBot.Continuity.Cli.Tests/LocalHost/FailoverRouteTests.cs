using System.Net.Http.Json;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The automated failover's routes on a local host with it off (the default), through <c>continuity failover</c> and the
/// alert route: wired, and nothing starts.
/// </summary>
public sealed class FailoverRouteTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task FailoverStatus_NothingEverRan_SaysNone()
    {
        var cli = await host.InvokeCliAsync("failover", "status", "--host", host.BaseUri.ToString(), "--json");

        cli.AssertExitCode(0);
        Assert.Equal("none", cli.Json().GetProperty("state").GetString());
    }

    [Fact]
    public async Task FailoverApprove_NothingWaits_ExitsRefusedSayingSo()
    {
        var cli = await host.InvokeCliAsync("failover", "approve", "--host", host.BaseUri.ToString(), "--by", "ops");

        cli.AssertExitCode(4);
        Assert.Contains("No automated failover is running", cli.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAlert_Fired_OpensTheIncidentAndSaysTheFailoverIsDisabled()
    {
        const string alert = """{"schemaId": "azureMonitorCommonAlertSchema", "data": {"essentials": {"alertRule": "availability-burn-rate-fast", "monitorCondition": "Fired"}}}""";
        using var content = new StringContent(alert, System.Text.Encoding.UTF8, "application/json");

        using var response = await host.Http.PostAsync(new Uri(host.BaseUri, "api/incidents/alert"), content);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        using var resolved = new StringContent(alert.Replace("Fired", "Resolved", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        (await host.Http.PostAsync(new Uri(host.BaseUri, "api/incidents/alert"), resolved)).Dispose();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("disabled", body.GetProperty("failover").GetString());
    }
}

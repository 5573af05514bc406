using System.Text.Json;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Recovery.Failover;
using AstroBot.Continuity.Tests.Availability.FrontDoor;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Recovery.Failover;

// The failover's operator routes and the alert route's signal, on the host's own registration.
[Trait("Category", "Durable")]
public class FailoverEndpointTests
{
    [Fact]
    public async Task AlertAsync_AnAlertStormThroughTheRoute_StartsOneFailoverThatSwitchesOnce()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        var incidents = host.Services.GetRequiredService<IncidentEndpoint>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => PostAsync((request, ct) => incidents.AlertAsync(request, host.Client, ct), Alert("availability-burn-rate-fast"))));
        await host.CompletionAsync();

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Equal(1, answers.Count(answer => answer.Body.GetProperty("failover").GetString() == "started"));
        Assert.Equal(24, answers.Count(answer => answer.Body.GetProperty("failover").GetString() == "joined"));
        Assert.Equal(1, host.Regions.Changes);
    }

    [Fact]
    public async Task AlertAsync_WithoutADurableClient_AnswersAsBeforeAndStartsNothing()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        var incidents = host.Services.GetRequiredService<IncidentEndpoint>();

        var (status, body) = await PostAsync(incidents.AlertAsync, Alert("availability-burn-rate-fast"));

        Assert.Equal(200, status);
        Assert.False(body.TryGetProperty("failover", out _));
        Assert.Null(await host.Client.GetInstanceAsync(FailoverSignals.InstanceId, CancellationToken.None));
    }

    [Fact]
    public async Task AnswerAsync_ApprovedAtTheGate_SwitchesAndTheStatusListsTheDecisions()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:ApprovalWait"] = "00:05:00" });
        var sut = host.Services.GetRequiredService<FailoverEndpoint>();
        await host.SignalAsync();
        await host.AwaitingApprovalAsync();

        var (status, body) = await PostAsync((request, ct) => sut.AnswerAsync(request, approve: true, host.Client, ct), """{"by": "ops"}""");
        await host.CompletionAsync();
        var (_, text, _) = await HttpRequests.ExecuteAsync(await sut.GetAsync(host.Client, CancellationToken.None), HttpRequests.Get(""));

        Assert.Equal(200, status);
        Assert.Equal("approved", body.GetProperty("answered").GetString());
        Assert.Equal(1, host.Regions.Changes);
        using var state = JsonDocument.Parse(text);
        Assert.Equal("completed", state.RootElement.GetProperty("state").GetString());
        Assert.Contains(state.RootElement.GetProperty("decisions").EnumerateArray(), decision => decision.GetProperty("said").GetString() == "approved by ops");
    }

    [Fact]
    public async Task AnswerAsync_NothingRunning_Answers409()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        var sut = host.Services.GetRequiredService<FailoverEndpoint>();

        var (status, body) = await PostAsync((request, ct) => sut.AnswerAsync(request, approve: false, host.Client, ct), "");

        Assert.Equal(409, status);
        Assert.Contains("No automated failover is running", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string Alert(string rule) =>
        "{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {\"essentials\": {\"alertRule\": \"" + rule + "\", \"monitorCondition\": \"Fired\"}}}";

    private static Task<(int Status, JsonElement Body)> PostAsync(Func<Microsoft.AspNetCore.Http.HttpRequest, CancellationToken, Task<Microsoft.AspNetCore.Http.IResult>> route, string json) =>
        HttpRequests.PostJsonAsync(route, json);
}

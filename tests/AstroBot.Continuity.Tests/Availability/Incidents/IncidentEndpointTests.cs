using System.Text.Json;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Tests.Availability.FrontDoor;
using AstroBot.Continuity.Tests.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Incidents;

/// <summary>The operators' incident routes and the alert webhook: bad bodies 400, never 500.</summary>
public sealed class IncidentEndpointTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;
    private IncidentEndpoint sut = null!;

    public async Task InitializeAsync()
    {
        world = await IncidentWorlds.StartAsync();
        sut = world.Harness.Get<IncidentEndpoint>();
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task OpenAsync_AValidBody_Answers201WithTheOpenIncident()
    {
        var (status, body) = await PostAsync(sut.OpenAsync, """{"message": "Replies are delayed.", "by": "ops"}""");

        Assert.Equal(201, status);
        Assert.Equal("open", body.GetProperty("state").GetString());
        Assert.Equal("Replies are delayed.", body.GetProperty("incident").GetProperty("message").GetString());
        Assert.Equal("operator", body.GetProperty("incident").GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("""{"message": 42}""", "must be a JSON object")]
    [InlineData("""["Replies are delayed."]""", "must be a JSON object")]
    [InlineData("not json", "must be a JSON object")]
    [InlineData("""{"message": ""}""", "The message is empty")]
    public async Task OpenAsync_ABadBody_Answers400(string json, string expected)
    {
        var (status, body) = await PostAsync(sut.OpenAsync, json);

        Assert.Equal(400, status);
        Assert.Contains(expected, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_NoneOpen_Answers404()
    {
        var (status, body) = await PostAsync(sut.ResolveAsync, "");

        Assert.Equal(404, status);
        Assert.Equal("No incident is open: nothing to resolve.", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ResolveAsync_AnEmptyBodyWithOneOpen_ResolvesIt()
    {
        await PostAsync(sut.OpenAsync, """{"message": "Replies are delayed."}""");

        var (status, body) = await PostAsync(sut.ResolveAsync, "");

        Assert.Equal(200, status);
        Assert.Equal("resolved", body.GetProperty("state").GetString());
        Assert.Equal("api", body.GetProperty("incident").GetProperty("resolved_by").GetString());
    }

    [Fact]
    public async Task AlertAsync_FiredThenResolved_OpensThenResolvesTheAlertsIncident()
    {
        var (firedStatus, fired) = await PostAsync(sut.AlertAsync, Alert("astrobot-prod-availability-burn-rate-fast", "Fired"));
        var incident = await world.Harness.Get<IncidentStore>().ReadCurrentAsync(CancellationToken.None);
        var (_, resolved) = await PostAsync(sut.AlertAsync, Alert("astrobot-prod-availability-burn-rate-fast", "Resolved"));

        Assert.Equal(200, firedStatus);
        Assert.Equal("opened", fired.GetProperty("action").GetString());
        Assert.Equal(IncidentSource.Alert, incident!.Source);
        Assert.Equal(["astrobot-prod-availability-burn-rate-fast"], incident.Alerts);
        Assert.Equal("resolved", resolved.GetProperty("action").GetString());
        Assert.False((await world.Harness.Get<IncidentStore>().ReadCurrentAsync(CancellationToken.None))!.IsOpen);
    }

    [Fact]
    public async Task AlertAsync_TwoRulesFiredOneResolved_StaysOpenUntilBothResolve()
    {
        await PostAsync(sut.AlertAsync, Alert("fast", "Fired"));
        await PostAsync(sut.AlertAsync, Alert("slow", "Fired"));

        var (_, first) = await PostAsync(sut.AlertAsync, Alert("fast", "Resolved"));
        var (_, second) = await PostAsync(sut.AlertAsync, Alert("slow", "Resolved"));

        Assert.Equal("unchanged", first.GetProperty("action").GetString());
        Assert.Equal("resolved", second.GetProperty("action").GetString());
    }

    [Fact]
    public async Task AlertAsync_ResolvedWhileAnOperatorsIncidentIsOpen_LeavesItOpen()
    {
        await world.Harness.Get<IncidentControl>().OpenAsync("We are moving the database.", "ops", CancellationToken.None);
        await PostAsync(sut.AlertAsync, Alert("fast", "Fired"));

        await PostAsync(sut.AlertAsync, Alert("fast", "Resolved"));

        var current = await world.Harness.Get<IncidentStore>().ReadCurrentAsync(CancellationToken.None);
        Assert.True(current!.IsOpen);
        Assert.Equal("We are moving the database.", current.Message);
        Assert.Empty(current.Alerts); // the alert that fired during it resolved
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"data": {"essentials": {"alertRule": "fast", "monitorCondition": "Maybe"}}}""")]
    [InlineData("""{"data": {"essentials": {"monitorCondition": "Fired"}}}""")]
    [InlineData("""{"data": []}""")]
    public async Task AlertAsync_NotTheCommonAlertSchema_Answers400AndChangesNothing(string json)
    {
        var (status, _) = await PostAsync(sut.AlertAsync, json);

        Assert.Equal(400, status);
        Assert.Null(await world.Harness.Get<IncidentStore>().ReadCurrentAsync(CancellationToken.None));
    }

    private static string Alert(string rule, string condition) =>
        "{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {\"essentials\": {\"alertId\": \"/subscriptions/x/alerts/1\", \"alertRule\": \"" + rule +
        "\", \"severity\": \"Sev1\", \"signalType\": \"Log\", \"monitorCondition\": \"" + condition + "\", \"firedDateTime\": \"2027-01-15T08:00:00Z\"}, \"alertContext\": {}}}";

    private static Task<(int Status, JsonElement Body)> PostAsync(Func<Microsoft.AspNetCore.Http.HttpRequest, CancellationToken, Task<Microsoft.AspNetCore.Http.IResult>> route, string json) =>
        HttpRequests.PostJsonAsync(route, json);
}

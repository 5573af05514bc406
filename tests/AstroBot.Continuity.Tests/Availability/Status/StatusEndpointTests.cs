using System.Text.Json;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Status;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Tests.Availability.FrontDoor;
using AstroBot.Continuity.Tests.Availability.Incidents;
using AstroBot.Continuity.Tests.Availability.Maintenance;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Availability.Status;

/// <summary>The public status routes: odd methods and query strings, no personal data, and a shared account that is down.</summary>
public sealed class StatusEndpointTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;
    private StatusEndpoint sut = null!;

    public async Task InitializeAsync()
    {
        world = await IncidentWorlds.StartAsync();
        sut = world.Harness.Get<StatusEndpoint>();
    }

    public async Task DisposeAsync()
    {
        await world.Harness.Get<ProbeTable>().Client.DeleteAsync();
        await world.DisposeAsync();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("TRACE")]
    [InlineData("BREW")]
    public async Task GetJsonAndPage_AMethodOtherThanGetOrHead_Answer405WithAllow(string method)
    {
        foreach (var route in new Func<HttpRequest, CancellationToken, Task<IResult>>[] { sut.GetJsonAsync, sut.GetPageAsync })
        {
            var request = Request(method, "");

            var (status, _, response) = await HttpRequests.ExecuteAsync(await route(request, CancellationToken.None), request);

            Assert.Equal(405, status);
            Assert.Equal(StatusEndpoint.Allowed, response.Headers.Allow.ToString());
        }
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?%ZZ=%&&=&x")]
    [InlineData("?callback=<script>alert(1)</script>")]
    [InlineData("?days=100000&region=../../etc")]
    public async Task GetJsonAndPage_OddQueryStrings_AreIgnored(string query)
    {
        var (plainStatus, plainJson, _) = await GetAsync(sut.GetJsonAsync, "GET", "");
        var (status, json, _) = await GetAsync(sut.GetJsonAsync, "GET", query);
        var (pageStatus, page, response) = await GetAsync(sut.GetPageAsync, "GET", query);

        Assert.Equal((200, 200, 200), (plainStatus, status, pageStatus));
        Assert.Equal(Without(plainJson, "checked_at"), Without(json, "checked_at"));
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StatusPage.ContentSecurityPolicy, response.Headers.ContentSecurityPolicy.ToString());
    }

    [Fact]
    public async Task GetJsonAsync_Head_Answers200()
    {
        var (status, _, _) = await GetAsync(sut.GetJsonAsync, "HEAD", "");

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task GetJsonAndPage_AnIncidentUsersWroteDuring_ShowItsMessageAndNothingAboutThem()
    {
        await world.Harness.Get<IncidentControl>().OpenAsync("Replies are delayed; your messages are kept.", "ops-alice", CancellationToken.None);
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.private", "my birth time is 04:13"), CancellationToken.None);
        await RecordProbeAsync(world.Time.GetUtcNow().AddMinutes(-1));

        var (_, json, _) = await GetAsync(sut.GetJsonAsync, "GET", "");
        var (_, page, _) = await GetAsync(sut.GetPageAsync, "GET", "");

        using var body = JsonDocument.Parse(json);
        Assert.Equal("degraded", body.RootElement.GetProperty("overall").GetString());
        Assert.Equal("Replies are delayed; your messages are kept.", body.RootElement.GetProperty("incident").GetProperty("message").GetString());
        Assert.Equal(90, body.RootElement.GetProperty("uptime").GetProperty("daily").GetArrayLength());
        foreach (var text in new[] { json, page })
        {
            Assert.Contains("Replies are delayed", text, StringComparison.Ordinal);
            Assert.DoesNotContain(MaintenanceWorld.Alice, text, StringComparison.Ordinal);
            Assert.DoesNotContain("wamid", text, StringComparison.Ordinal);
            Assert.DoesNotContain("04:13", text, StringComparison.Ordinal);
            Assert.DoesNotContain("ops-alice", text, StringComparison.Ordinal);
            Assert.DoesNotContain(ProbeOptions.DefaultProbeWaId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ProbeOptions.DefaultProbeBsuid, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetJsonAndPage_TheSharedAccountDown_AnswerWithWhatIsKnownAndSayTheRestIsUnknown()
    {
        var settings = FrontDoorHarness.Settings(new Uri("http://127.0.0.1:1/"));
        settings["Storage:ConnectionString"] = EmulatorEndpoints.UnreachableStorageConnectionString;
        settings["Storage:RegionConnectionString"] = EmulatorEndpoints.StorageConnectionString;
        settings["Status:CheckTimeout"] = "00:00:02";
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddContinuityBackend(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        var down = services.GetRequiredService<StatusEndpoint>();

        var (status, json, _) = await GetAsync(down.GetJsonAsync, "GET", "");
        var (pageStatus, page, _) = await GetAsync(down.GetPageAsync, "GET", "");

        Assert.Equal((200, 200), (status, pageStatus));
        using var body = JsonDocument.Parse(json);
        Assert.Equal(["incident", "maintenance", "uptime"], body.RootElement.GetProperty("unknown").EnumerateArray().Select(part => part.GetString()));
        Assert.NotEqual("operational", body.RootElement.GetProperty("overall").GetString());
        var backlog = body.RootElement.GetProperty("components").EnumerateArray().Single(component => component.GetProperty("id").GetString() == "inbox_backlog");
        Assert.Equal("operational", backlog.GetProperty("state").GetString()); // the region's own account answers
        Assert.Contains("Not known right now: incident, maintenance, uptime.", page, StringComparison.Ordinal);
    }

    private async Task RecordProbeAsync(DateTimeOffset sentAt)
    {
        var table = world.Harness.Get<ProbeTable>();
        var wamid = ProbeWamid.Create(sentAt);
        await table.StartAsync(wamid, sentAt, "region-a", CancellationToken.None);
        await table.CompleteAsync(new ProbeRecord(wamid, sentAt, "region-a", true, true, 200, 10, true, 100, "region-a", true, null), CancellationToken.None);
    }

    private static async Task<(int Status, string Body, HttpResponse Response)> GetAsync(
        Func<HttpRequest, CancellationToken, Task<IResult>> route, string method, string query)
    {
        var request = Request(method, query);
        return await HttpRequests.ExecuteAsync(await route(request, CancellationToken.None), request);
    }

    private static HttpRequest Request(string method, string query)
    {
        var request = HttpRequests.Get(query);
        request.Method = method;
        return request;
    }

    private static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }
}

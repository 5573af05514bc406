using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Recovery.Drills.Failover;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

/// <summary>The front door's control route, <c>GET</c>/<c>PUT /frontdoor/priorities</c>, on a real front door in front of two stub regions.</summary>
public sealed class PriorityControlEndpointTests : IAsyncLifetime
{
    private StubOrigin primary = null!;
    private StubOrigin secondary = null!;
    private FrontDoorUnderTest sut = null!;

    private Uri Control => new(sut.BaseUri, "frontdoor/priorities");

    public async Task InitializeAsync()
    {
        primary = await StubOrigin.StartAsync("primary");
        secondary = await StubOrigin.StartAsync("secondary");
        sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));
    }

    public async Task DisposeAsync()
    {
        await sut.DisposeAsync();
        await primary.DisposeAsync();
        await secondary.DisposeAsync();
    }

    [Fact]
    public async Task Get_TwoHealthyOrigins_ListsThemInPriorityOrderWithTheOneServing()
    {
        var layout = await sut.Http.GetFromJsonAsync<RegionLayout>(Control, ApiJson.Options);

        Assert.Equal(["region-1", "region-2"], layout!.Order);
        Assert.Equal("region-1", layout.Serving);
        Assert.Equal(primary.BaseUri, layout.Regions[0].Url);
        Assert.All(layout.Regions, region => Assert.Equal("in_service", region.State));
    }

    [Fact]
    public async Task Put_SecondaryFirst_MovesTheTrafficAtOnceAndBackAgain()
    {
        using var switched = await PutAsync("""{"order": ["region-2", "region-1"]}""");

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        var layout = await switched.Content.ReadFromJsonAsync<RegionLayout>(ApiJson.Options);
        Assert.Equal(["region-2", "region-1"], layout!.Order);
        Assert.Equal("region-2", layout.Serving);
        Assert.Equal("secondary", await sut.AnswererAsync());
        Assert.Equal(secondary.BaseUri, layout.Regions.Single(region => region.Name == "region-2").Url);

        using var back = await PutAsync("""{"order": ["region-1", "region-2"]}""");

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("primary", await sut.AnswererAsync());
        await sut.WaitForAsync(ContinuityEventId.PrioritiesChanged);
    }

    [Fact]
    public async Task Put_UnhealthyOriginFirst_KeepsTheTrafficOnTheHealthyOne()
    {
        primary.Ready = false;
        await sut.AnsweredByAsync(secondary);

        using var response = await PutAsync("""{"order": ["region-1", "region-2"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("region-2", (await response.Content.ReadFromJsonAsync<RegionLayout>(ApiJson.Options))!.Serving);
        Assert.Equal("secondary", await sut.AnswererAsync());
    }

    [Theory]
    [InlineData("""{"order": ["region-3", "region-1"]}""", "No origin is called region-3")]
    [InlineData("""{"order": ["region-2"]}""", "region-1 missing")]
    [InlineData("""{"order": ["region-2", "region-2"]}""", "region-2 named twice")]
    [InlineData("""{"order": "region-2"}""", "naming every origin once")]
    [InlineData("""{"order": [2, 1]}""", "naming every origin once")]
    [InlineData("""{}""", "naming every origin once")]
    [InlineData("""not json""", "naming every origin once")]
    public async Task Put_NotEveryOriginOnce_Is400SayingWhyAndChangesNothing(string body, string expected)
    {
        using var response = await PutAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal("primary", await sut.AnswererAsync());
        Assert.Equal(0, sut.Count(ContinuityEventId.PrioritiesChanged));
    }

    [Fact]
    public async Task Post_NotAControlMethod_Is405AndNeverForwarded()
    {
        using var response = await sut.Http.PostAsync(Control, new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Empty(primary.Received);
    }

    private Task<HttpResponseMessage> PutAsync(string body) =>
        sut.Http.PutAsync(Control, new StringContent(body, Encoding.UTF8, "application/json"));
}

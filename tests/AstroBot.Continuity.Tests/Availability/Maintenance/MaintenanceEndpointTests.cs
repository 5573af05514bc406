using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Tests.Availability.FrontDoor;

namespace AstroBot.Continuity.Tests.Availability.Maintenance;

/// <summary>The admin route (<c>/api/maintenance</c>): the status, a window started and stopped, bad bodies 400 and never 500.</summary>
public sealed class MaintenanceEndpointTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;
    private MaintenanceEndpoint sut = null!;

    public async Task InitializeAsync()
    {
        world = await MaintenanceWorld.StartAsync();
        sut = world.Harness.Get<MaintenanceEndpoint>();
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task GetAsync_NoWindowEver_AnswersStateNone()
    {
        var (status, body) = await GetAsync();

        Assert.Equal(200, status);
        Assert.Equal("none", body.GetProperty("state").GetString());
        Assert.False(body.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("window").ValueKind);
        Assert.Equal(world.HeldQueue.Name, body.GetProperty("held_queue").GetString());
    }

    [Fact]
    public async Task PostAsync_AValidWindow_Answers201WithTheActiveWindow()
    {
        var request = HttpRequests.Post(Json("""{"until": "2h", "message": "Back at 10:00 UTC.", "by": "ops"}"""), signature: null);

        var (status, text, _) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);

        Assert.Equal(201, status);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("active", body.RootElement.GetProperty("state").GetString());
        var window = body.RootElement.GetProperty("window");
        Assert.Equal("Back at 10:00 UTC.", window.GetProperty("message").GetString());
        Assert.Equal("ops", window.GetProperty("started_by").GetString());
        Assert.Equal(world.Time.GetUtcNow().AddHours(2), window.GetProperty("until").GetDateTimeOffset());
    }

    [Fact]
    public async Task PostAsync_WhileAWindowIsActive_ChangesItAnswering200WithTheSameId()
    {
        var first = await world.Control.StartAsync("1h", "Back soon.", "ops", CancellationToken.None);
        var request = HttpRequests.Post(Json("""{"until": "3h", "message": "Longer than planned."}"""), signature: null);

        var (status, text, _) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);

        Assert.Equal(200, status);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(first.Window!.Id, body.RootElement.GetProperty("window").GetProperty("id").GetString());
        Assert.Equal("Longer than planned.", body.RootElement.GetProperty("window").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("", "must be a JSON object")]
    [InlineData("not json", "must be a JSON object")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("\"2h\"", "must be a JSON object")]
    [InlineData("{}", "must be a JSON object")]
    [InlineData("""{"message": "Back soon."}""", "must be a JSON object")]
    [InlineData("""{"until": "2h"}""", "must be a JSON object")]
    [InlineData("""{"until": 7200, "message": "Back soon."}""", "must be a JSON object")]
    [InlineData("""{"until": "2h", "message": ["Back soon."]}""", "must be a JSON object")]
    [InlineData("""{"until": "2h", "message": "Back soon.", "by": 5}""", "must be a JSON object")]
    [InlineData("""{"until": "2h", "message": "Back soon.""", "must be a JSON object")]
    [InlineData("""{"until": "2020-01-01T00:00:00Z", "message": "Back soon."}""", "is not in the future")]
    [InlineData("""{"until": "30d", "message": "Back soon."}""", "Maintenance:MaxWindow")]
    [InlineData("""{"until": "tomorrow", "message": "Back soon."}""", "is not an ISO 8601 time")]
    [InlineData("""{"until": "2h", "message": ""}""", "The message is empty")]
    public async Task PostAsync_ABadBody_Answers400WithAJsonErrorAndStoresNothing(string json, string expected)
    {
        var request = HttpRequests.Post(Json(json), signature: null);

        var (status, text, response) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);

        Assert.Equal(400, status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(text);
        Assert.Contains(expected, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await world.Harness.Get<MaintenanceStore>().ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PostAsync_AMessageTooLongForWhatsApp_Answers400()
    {
        var request = HttpRequests.Post(Json($$"""{"until": "2h", "message": "{{new string('x', 4097)}}"}"""), signature: null);

        var (status, text, _) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);

        Assert.Equal(400, status);
        Assert.Contains("a WhatsApp text holds 4096 at most", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_ABodyOverTheLimit_Answers413()
    {
        var request = HttpRequests.Post(new byte[MaintenanceEndpoint.MaxBodyBytes + 1], signature: null);

        var (status, _, _) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);

        Assert.Equal(413, status);
    }

    [Fact]
    public async Task DeleteAsync_AnActiveWindow_StopsIt()
    {
        await world.Control.StartAsync("1h", "Back soon.", "ops", CancellationToken.None);
        var request = HttpRequests.Get("?by=oncall");

        var (status, text, _) = await HttpRequests.ExecuteAsync(await sut.DeleteAsync(request, CancellationToken.None), request);

        Assert.Equal(200, status);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("stopped", body.RootElement.GetProperty("state").GetString());
        Assert.Equal("oncall", body.RootElement.GetProperty("window").GetProperty("stopped_by").GetString());
    }

    [Fact]
    public async Task DeleteAsync_NoActiveWindow_Answers404WithAJsonError()
    {
        var request = HttpRequests.Get("");

        var (status, text, _) = await HttpRequests.ExecuteAsync(await sut.DeleteAsync(request, CancellationToken.None), request);

        Assert.Equal(404, status);
        Assert.Contains("No maintenance window is active", text, StringComparison.Ordinal);
    }

    private async Task<(int Status, JsonElement Body)> GetAsync()
    {
        var request = HttpRequests.Get("");
        var (status, text, _) = await HttpRequests.ExecuteAsync(await sut.GetAsync(CancellationToken.None), request);
        using var body = JsonDocument.Parse(text);
        return (status, body.RootElement.Clone());
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}

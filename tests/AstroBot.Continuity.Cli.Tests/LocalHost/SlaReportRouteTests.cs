using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// <c>/api/sla/report</c> in <c>continuity serve</c>, over probe records in the host's probe table, and its page opened
/// in Chromium as an operator opens it.
/// </summary>
public sealed class SlaReportRouteTests(LocalHostFixture host, Chromium chromium) : IClassFixture<LocalHostFixture>, IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly DateTimeOffset Outage = new(2026, 2, 10, 10, 5, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var table = host.Services.GetRequiredService<ProbeTable>();
        for (var minute = -3; minute < 3; minute++)
        {
            var sentAt = Outage.AddMinutes(minute).AddSeconds(1);
            var up = minute < 0;
            var wamid = ProbeWamid.Create(sentAt);
            await table.StartAsync(wamid, sentAt, "region-1", CancellationToken.None);
            await table.CompleteAsync(
                new ProbeRecord(wamid, sentAt, "region-1", true, up, up ? 200 : 503, 9, up, up ? 300 : null, up ? "region-1" : null, up, up ? null : "the endpoint answered 503 Service Unavailable"),
                CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetHtml_OpenedInChromium_ShowsTheReportAndItsPictureAndLoadsNothingElse()
    {
        var url = Route("?month=2026-02&format=html");

        await using var sut = await chromium.OpenAsync(url);

        Assert.Equal(200, sut.Status);
        Assert.Equal("AstroBot availability, February 2026", await sut.Page.TitleAsync());
        Assert.Equal("50%", await sut.Page.Locator("[data-figure='availability']").InnerTextAsync());
        Assert.Equal("3", await sut.Page.Locator("[data-figure='down']").InnerTextAsync());
        Assert.Contains("2026-02-10 10:05Z to 10:08Z", await sut.Page.Locator("#incidents").InnerTextAsync(), StringComparison.Ordinal);
        var picture = await sut.Page.Locator("figure svg").BoundingBoxAsync();
        Assert.True(picture is { Width: > 400, Height: > 300 }, $"picture {picture?.Width}x{picture?.Height}");
        Assert.Equal([url.ToString()], sut.Requests);
    }

    [Fact]
    public async Task GetJson_AMonthWithoutRecords_IsAReportThatSaysSo()
    {
        using var response = await host.Http.GetAsync(Route("?month=2026-01"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(report.RootElement.GetProperty("has_records").GetBoolean());
        Assert.Equal(44_640, report.RootElement.GetProperty("minutes").GetProperty("unknown").GetInt32());
    }

    [Fact]
    public async Task Get_AMalformedMonth_Answers400WithAClearMessage()
    {
        using var response = await host.Http.GetAsync(Route("?month=2027-2&format=html"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The month must be YYYY-MM, a calendar month in UTC from 2000-01 to 9998-12 (e.g. 2027-02); got '2027-2'.", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Post_IsNotAllowed()
    {
        using var response = await host.Http.PostAsync(Route(string.Empty), null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private Uri Route(string query) => new(host.BaseUri, $"{HttpRoutes.Prefix}/{HttpRoutes.SlaReport}{query}");
}

using System.Text.Json;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The status page of a real local host, as a person sees it: opened in Chromium after an operator's
/// <c>continuity incident open</c>, agreeing with <c>/api/status</c>, and loading nothing but itself.
/// </summary>
public sealed class StatusPageBrowserTests(LocalHostFixture host, Chromium chromium) : IClassFixture<LocalHostFixture>, IClassFixture<Chromium>
{
    private const string Message = "Replies are slow right now <b>not bold</b>; your messages are kept and will be answered.";

    [Fact]
    public async Task StatusPage_AfterIncidentOpen_ShowsTheIncidentTheStateAndNinetyDaysAndAgreesWithTheJson()
    {
        var probe = await host.Services.GetRequiredService<AvailabilityProbe>().ProbeAsync(CancellationToken.None);
        Assert.True(probe?.Up, probe?.Error);
        (await host.InvokeCliAsync("incident", "open", "--message", Message, "--by", "ops")).AssertExitCode(0);
        var url = new Uri(host.BaseUri, $"{HttpRoutes.Prefix}/{HttpRoutes.StatusPage}");

        await using var sut = await chromium.OpenAsync(url);
        using var json = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(host.BaseUri, $"{HttpRoutes.Prefix}/{HttpRoutes.Status}")));

        var status = json.RootElement;
        Assert.Equal(200, sut.Status);
        Assert.Equal("AstroBot status", await sut.Page.TitleAsync());
        Assert.Equal("degraded", await sut.Page.Locator("#overall").GetAttributeAsync("data-state"));
        Assert.Equal(status.GetProperty("overall").GetString(), await sut.Page.Locator("#overall").GetAttributeAsync("data-state"));
        Assert.Equal(status.GetProperty("headline").GetString(), await sut.Page.Locator("#overall").InnerTextAsync());
        Assert.Equal(Message, await sut.Page.Locator("#incident-message").InnerTextAsync());
        Assert.Equal(Message, status.GetProperty("incident").GetProperty("message").GetString());
        Assert.Equal(0, await sut.Page.Locator("#incident-message b").CountAsync());

        // 90 bars, today's measured (the probe above), the others "no data", each as the JSON says.
        var days = status.GetProperty("uptime").GetProperty("daily").EnumerateArray().ToList();
        var bars = sut.Page.Locator("#uptime > span");
        Assert.Equal(90, await bars.CountAsync());
        Assert.Equal(90, days.Count);
        Assert.Equal(days.Select(day => day.GetProperty("date").GetString()), await bars.EvaluateAllAsync<string[]>("bars => bars.map(bar => bar.dataset.date)"));
        Assert.Equal("day-up", await bars.Last.GetAttributeAsync("class"));
        Assert.Equal(89, await sut.Page.Locator("#uptime > span.day-nodata").CountAsync());
        Assert.Equal(
            status.GetProperty("components").EnumerateArray().Select(component => component.GetProperty("state").GetString()),
            await sut.Page.Locator("#components tr[data-component] td:nth-child(2)").AllInnerTextsAsync());

        Assert.Equal([url.ToString()], sut.Requests);
    }
}

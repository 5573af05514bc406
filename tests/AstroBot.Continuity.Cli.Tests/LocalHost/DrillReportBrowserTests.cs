using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Recovery.Drills;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// A drill's report as an operator sees it: <c>continuity drill run restore --host --wait</c> against a real local
/// host, then <c>/api/drills/{id}/report</c> opened in Chromium; and the route's answers to what it cannot serve.
/// </summary>
public sealed class DrillReportBrowserTests(LocalHostFixture host, Chromium chromium) : IClassFixture<LocalHostFixture>, IClassFixture<Chromium>
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task DrillRunWithHostAndWait_ThenTheReportInChromium_ShowsThePassedDrillItsMeasuresStepsAndPicture()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await host.Services.GetRequiredService<SeedWriter>()
            .WriteAsync(new SeedRequest(Users: 2, ReadingsPerUser: 2, Seed: 41, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero)), null, timeout.Token);
        Assert.Equal(BackupRunOutcome.Committed, (await host.Services.GetRequiredService<BackupRunner>().RunAsync(BackupKind.Full, null, timeout.Token)).Outcome);

        var cli = await host.InvokeCliAsync("drill", "run", "restore", "--host", host.BaseUri.ToString(), "--wait", "--by", "browser-test", "--json");

        cli.AssertExitCode(0);
        var run = cli.Json();
        var drillId = run.GetProperty("drill_id").GetString()!;
        Assert.Equal("passed", run.GetProperty("report").GetProperty("drill").GetProperty("state").GetString());
        var url = new Uri(run.GetProperty("report_url").GetString()!);
        Assert.Equal(new Uri(host.BaseUri, $"api/drills/{drillId}/report"), url);
        var steps = run.GetProperty("report").GetProperty("timeline").EnumerateArray().Select(step => step.GetProperty("name").GetString()!).ToList();

        await using var sut = await chromium.OpenAsync(url);

        Assert.Equal(200, sut.Status);
        Assert.Equal($"AstroBot restore drill {drillId}", await sut.Page.TitleAsync());
        Assert.Equal("passed", await sut.Page.Locator("#state").GetAttributeAsync("data-state"));
        Assert.StartsWith("Passed: RTO ", await sut.Page.Locator("#state").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("04:00:00", await sut.Page.Locator("tr[data-measure='rto'] td:nth-child(3)").InnerTextAsync());
        Assert.Equal("met", await sut.Page.Locator("tr[data-measure='rto'] td:nth-child(4)").InnerTextAsync());
        Assert.Equal("met", await sut.Page.Locator("tr[data-measure='rpo'] td:nth-child(4)").InnerTextAsync());
        Assert.Equal("browser-test", await sut.Page.Locator("[data-about='started-by']").InnerTextAsync());
        Assert.Equal(steps, await sut.Page.Locator("#steps tr[data-step] td:first-child").AllInnerTextsAsync());
        Assert.All(await sut.Page.Locator("#steps tr[data-step] td:nth-child(4)").AllInnerTextsAsync(), result => Assert.Equal("succeeded", result));
        Assert.Contains("scratch_database", await sut.Page.Locator("#facts").InnerTextAsync(), StringComparison.Ordinal);
        var picture = await sut.Page.Locator("figure svg").BoundingBoxAsync();
        Assert.True(picture is { Width: > 400, Height: > 100 }, $"picture {picture?.Width}x{picture?.Height}");
        Assert.Equal(steps.Count, await sut.Page.Locator("figure svg rect[data-step]").CountAsync());
        var firstBar = await sut.Page.Locator("figure svg rect[data-step]").First.BoundingBoxAsync();
        Assert.True(firstBar is { Width: > 0, Height: > 0 }, $"bar {firstBar?.Width}x{firstBar?.Height}");
        Assert.Equal([url.ToString()], sut.Requests);
    }

    [Fact]
    public async Task Report_ASavedFailedDrill_ShowsTheFailureAndTheRedStepAsPlainText()
    {
        var drill = DrillRecords.Failed(DateTimeOffset.UtcNow.AddDays(-400));
        await SaveAsync(drill);

        await using var sut = await chromium.OpenAsync(Route(drill.DrillId, string.Empty));

        Assert.Equal("failed", await sut.Page.Locator("#state").GetAttributeAsync("data-state"));
        Assert.Equal("Failed: 403 <Forbidden> & more", await sut.Page.Locator("#state").InnerTextAsync());
        Assert.Equal("ops <b>", await sut.Page.Locator("[data-about='started-by']").InnerTextAsync());
        Assert.Equal(["succeeded", "failed"], await sut.Page.Locator("#steps tr[data-step] td:nth-child(4)").AllInnerTextsAsync());
        Assert.Equal("not measured", await sut.Page.Locator("tr[data-measure='rto'] td:nth-child(4)").InnerTextAsync());
        Assert.Equal("false", await sut.Page.Locator("figure svg rect[data-step='1']").GetAttributeAsync("data-succeeded"));
    }

    [Theory]
    [InlineData("20261202T000000Z-drill-restore-00000000", "", HttpStatusCode.NotFound)]
    [InlineData("20261202T000000Z-drill-restore-00000000", "?format=pdf", HttpStatusCode.BadRequest)]
    public async Task Report_AnUnknownDrillOrFormat_AnswersWithAnError(string drillId, string query, HttpStatusCode expected)
    {
        using var response = await host.Http.GetAsync(Route(drillId, query));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("?format=json", "application/json")]
    [InlineData("?format=svg", "image/svg+xml")]
    public async Task Report_OtherFormats_AnswerTheirContentType(string query, string contentType)
    {
        var drill = DrillRecords.Passed(DateTimeOffset.UtcNow.AddDays(-500), "0000abcd");
        await SaveAsync(drill);

        using var response = await host.Http.GetAsync(Route(drill.DrillId, query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    private Uri Route(string drillId, string query) =>
        new(host.BaseUri, $"{HttpRoutes.Prefix}/{HttpRoutes.DrillReport.Replace("{id}", drillId, StringComparison.Ordinal)}{query}");

    private async Task SaveAsync(DrillRecord drill)
    {
        await host.Services.GetRequiredService<StorageClients>().Tables.CreateTableIfNotExistsAsync(host.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.DrillTableName);
        await host.Services.GetRequiredService<DrillHistory>().SaveAsync(drill, CancellationToken.None);
    }
}

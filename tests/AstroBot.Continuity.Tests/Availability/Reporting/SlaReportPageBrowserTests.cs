using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Tests.Fixtures;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

/// <summary>The SLA report's page as a person sees it: opened in Chromium, read through the rendered page.</summary>
public sealed class SlaReportPageBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Write_OpenedInChromium_ShowsTheFiguresAndThePictureAndLoadsNothing()
    {
        await using var sut = await chromium.OpenHtmlAsync(SlaReportPage.Write(Reports.February2027()));

        Assert.Equal("AstroBot availability, February 2027", await sut.Page.TitleAsync());
        Assert.Equal("99.876% of the measured minutes were up in February 2027: the 99.9% objective is missed.", await sut.Page.Locator("#headline").InnerTextAsync());
        Assert.Equal("99.876%", await Figure(sut, "availability"));
        Assert.Equal("50", await Figure(sut, "down"));
        Assert.Equal("120", await Figure(sut, "unknown"));
        Assert.Equal("-9.7 min (-24%)", await Figure(sut, "budget-left"));
        Assert.Equal(["Incidents", "Burn rates at 2027-03-01 00:00Z", "Days"], await sut.Page.Locator("h2").AllInnerTextsAsync());
        Assert.Equal(29, await sut.Page.Locator("#days tr").CountAsync()); // the header, then 28 days
        var picture = await sut.Page.Locator("figure svg").BoundingBoxAsync();
        Assert.NotNull(picture);
        Assert.True(picture.Width > 400 && picture.Height > 300, $"picture {picture.Width}x{picture.Height}");
        Assert.Equal(0, await sut.Page.Locator("script, img, link, iframe").CountAsync());
        Assert.Empty(sut.Requests);
    }

    [Fact]
    public async Task Write_AnErrorTextWithMarkup_ShowsItAsTextAndRunsNothing()
    {
        const string Hostile = "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">";

        await using var sut = await chromium.OpenHtmlAsync(SlaReportPage.Write(Reports.February2027(Hostile)));

        Assert.Equal("AstroBot availability, February 2027", await sut.Page.TitleAsync());
        Assert.Contains(Hostile, await sut.Page.Locator("#incidents").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await sut.Page.Locator("script, img").CountAsync());
        Assert.Empty(sut.Requests);
    }

    [Fact]
    public async Task Write_AMonthWithoutRecords_SaysSo()
    {
        var report = SlaCalculator.Compute(Reports.February, Reports.AfterFebruary, [], "probe table availabilityprobes");

        await using var sut = await chromium.OpenHtmlAsync(SlaReportPage.Write(report));

        Assert.StartsWith("No probe records for February 2027 in the probe table availabilityprobes", await sut.Page.Locator("#headline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("not measured", await Figure(sut, "availability"));
    }

    private static Task<string> Figure(OpenedPage page, string id) => page.Page.Locator($"[data-figure='{id}']").InnerTextAsync();
}

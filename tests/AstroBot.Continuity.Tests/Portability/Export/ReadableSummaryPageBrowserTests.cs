using System.Text;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Tests.Fixtures;

namespace AstroBot.Continuity.Tests.Portability.Export;

/// <summary>The export's <c>index.html</c> as a person sees it: opened in Chromium, read through the rendered page.</summary>
public sealed class ReadableSummaryPageBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Write_OpenedInChromium_ShowsEverySectionAndEveryReadingAndLoadsNothing()
    {
        var user = TestExports.Users[3];
        var html = Encoding.UTF8.GetString(ReadableSummaryPage.Write(TestExports.DataOf(user), TestExports.GeneratedAt));

        await using var sut = await chromium.OpenHtmlAsync(html);

        Assert.Equal("Your AstroBot data", await sut.Page.TitleAsync());
        Assert.Equal(
            ["Birth profiles", "Preferences", "Subscriptions", "Readings", "Conversation history", "Consents", "Export history", "Your WhatsApp identifiers"],
            await sut.Page.Locator("h2").AllInnerTextsAsync());
        var readingRows = sut.Page.Locator("h2:text-is('Readings') + table tr");
        Assert.Equal(user.Readings.Count + 1, await readingRows.CountAsync()); // the header row, then one per reading
        Assert.Contains($"WhatsApp {user.WaId}", await sut.Page.Locator("body > p").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(sut.Requests);
    }

    [Fact]
    public async Task Write_MessageWithScriptAndImage_RendersAsTextAndRunsNothing()
    {
        const string Hostile = "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">";
        var data = TestExports.With(TestExports.DataOf(TestExports.Users[1]), BotDataModel.Messages.Name, message => message["text"] = Hostile);
        var html = Encoding.UTF8.GetString(ReadableSummaryPage.Write(data, TestExports.GeneratedAt));

        await using var sut = await chromium.OpenHtmlAsync(html);

        Assert.Equal("Your AstroBot data", await sut.Page.TitleAsync());
        Assert.Equal(0, await sut.Page.Locator("script, img").CountAsync());
        Assert.Contains(Hostile, await sut.Page.Locator("h2:text-is('Conversation history') + table").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(sut.Requests);
    }
}

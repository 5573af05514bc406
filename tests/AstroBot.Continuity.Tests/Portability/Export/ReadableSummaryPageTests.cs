using System.Net;
using System.Text;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Tests.Portability.Export;

public sealed class ReadableSummaryPageTests
{
    private const string Markup = "<b>Tom & \"Jerry\"</b>";
    private const string EncodedMarkup = "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;";

    [Fact]
    public void Write_EverySeededUser_HasNoScriptAndNoExternalResource()
    {
        foreach (var user in TestExports.Users)
        {
            var sut = Page(TestExports.DataOf(user));

            Assert.StartsWith("<!DOCTYPE html>", sut, StringComparison.Ordinal);
            foreach (var forbidden in new[] { "<script", "http://", "https://", "src=", "href=", "url(", "@import", "<link", "<iframe", "<object", "<embed", " on" + "load=" })
            {
                Assert.DoesNotContain(forbidden, sut, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Write_DisplayNameWithMarkup_IsHtmlEncoded()
    {
        var data = TestExports.With(TestExports.DataOf(TestExports.Users[0]), BotDataModel.Accounts.Name, account => account["display_name"] = Markup);

        var sut = Page(data);

        Assert.Contains(EncodedMarkup, sut, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom & ", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ValuesWithMarkupInEveryTable_AreHtmlEncoded()
    {
        var data = TestExports.DataOf(TestExports.Users[1]);
        data = TestExports.With(data, BotDataModel.Profiles.Name, profile => profile["name"] = Markup);
        data = TestExports.With(data, BotDataModel.Readings.Name, reading => reading["text"] = Markup);
        data = TestExports.With(data, BotDataModel.Messages.Name, message => message["text"] = "<script>alert('x')</script><img src=x onerror=alert(1)>");

        var sut = Page(data);

        Assert.Contains($"<td>{EncodedMarkup}</td>", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", sut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", sut, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BirthProfile_ShowsLocalDateAndTimeIanaZoneAndCoordinates()
    {
        var data = TestExports.With(TestExports.DataOf(TestExports.Users[2]), BotDataModel.Profiles.Name, profile =>
        {
            profile["birth_date"] = "1987-07-14";
            profile["birth_time"] = "23:45";
            profile["place_name"] = "Ciudad de México, Mexico";
            profile["time_zone"] = "America/Mexico_City";
            profile["latitude"] = 19.4326;
            profile["longitude"] = -99.1332;
        });

        var sut = Page(data);

        Assert.Contains(
            $"<td>1987-07-14</td><td>23:45</td><td>{WebUtility.HtmlEncode("Ciudad de México, Mexico")}</td><td>America/Mexico_City</td><td>19.4326</td><td>-99.1332</td>",
            sut,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SeededUser_ShowsEveryReadingAndMessageAndTheExportHistory()
    {
        var user = TestExports.Users[3];
        var data = TestExports.DataOf(user, TestExports.Audit(("export_requested", "whatsapp", "2026-11-30T10:00:00.0000000+00:00")));

        var sut = Page(data);

        Assert.Equal(user.Readings.Count, Count(Section(sut, "Readings"), "<tr><td>"));
        Assert.Equal(user.Messages.Count, Count(Section(sut, "Conversation history"), "<tr><td>"));
        Assert.Equal(user.Account.Consents.Count, Count(Section(sut, "Consents"), "<tr><td>"));
        Assert.Contains("<td>export_requested</td><td>whatsapp</td>", Section(sut, "Export history"), StringComparison.Ordinal);
        Assert.Contains($"WhatsApp {user.WaId}", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoData_SaysNoneForEachSection()
    {
        var sut = Page(new UserData("15550000000", new Dictionary<string, IReadOnlyList<System.Text.Json.Nodes.JsonObject>>(), [], []));

        Assert.Equal(8, Count(sut, "<p>None.</p>"));
        Assert.Contains("Your account", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GeneratedAtWithAnOffset_ShowsTheUtcTime()
    {
        var sut = Encoding.UTF8.GetString(ReadableSummaryPage.Write(TestExports.DataOf(TestExports.Users[0]), new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.FromHours(2))));

        Assert.Contains("exported 2026-12-01 09:30 UTC", sut, StringComparison.Ordinal);
    }

    private static string Page(UserData data) => Encoding.UTF8.GetString(ReadableSummaryPage.Write(data, TestExports.GeneratedAt));

    private static string Section(string page, string title)
    {
        var start = page.IndexOf($"<h2>{title}</h2>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {title}");
        var end = page.IndexOf("<h2>", start + 4, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

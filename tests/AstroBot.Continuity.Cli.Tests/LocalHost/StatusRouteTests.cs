using System.Net;
using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The public status routes and the incident routes in <c>continuity serve</c> (real Kestrel): what the real host answers
/// to odd methods and query strings, and an incident opened and resolved through the operators' route.
/// </summary>
public sealed class StatusRouteTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("PROPFIND")]
    public async Task StatusRoutes_AMethodOtherThanGetOrHead_Answer405WithAllow(string method)
    {
        foreach (var route in new[] { HttpRoutes.Status, HttpRoutes.StatusPage })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Url(route)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

            using var response = await host.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task StatusRoutes_Head_Answer200WithoutABody()
    {
        foreach (var route in new[] { HttpRoutes.Status, HttpRoutes.StatusPage })
        {
            using var response = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(route)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?%ZZ=%25&&=&x")]
    [InlineData("?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?days=-1&days=100000&region=..%2F..%2Fetc")]
    public async Task StatusRoutes_OddQueryStrings_AreIgnored(string query)
    {
        using var json = await host.Http.GetAsync(Url(HttpRoutes.Status + query));
        using var page = await host.Http.GetAsync(Url(HttpRoutes.StatusPage + query));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(90, body.RootElement.GetProperty("uptime").GetProperty("daily").GetArrayLength());
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task IncidentRoutes_OpenThenResolveThroughTheRoutes_AnswerTheStatus()
    {
        using (var opened = await host.Http.PostAsync(Url(HttpRoutes.Incidents), Json("""{"message": "Replies are delayed.", "by": "ops"}""")))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        using (var status = await host.Http.GetAsync(Url(HttpRoutes.Incidents)))
        {
            Assert.Contains("\"state\":\"open\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var resolved = await host.Http.PostAsync(Url(HttpRoutes.IncidentsResolve), Json("")))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        using var again = await host.Http.PostAsync(Url(HttpRoutes.IncidentsResolve), Json(""));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private Uri Url(string route) => new(host.BaseUri, $"{HttpRoutes.Prefix}/{route}");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

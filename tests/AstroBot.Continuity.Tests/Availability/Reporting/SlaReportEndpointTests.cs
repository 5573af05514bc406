using System.Text.Json;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class SlaReportEndpointTests
{
    private readonly FakeTimeProvider time = new(Reports.AfterFebruary);

    [Theory]
    [InlineData("?month=2027-13", "The month must be YYYY-MM")]
    [InlineData("?month=2027-02&month=2027-03", "Give month at most once.")]
    [InlineData("?month=2027-02&format=pdf", "format must be one of json, svg, png, html")]
    public async Task GetAsync_BadInput_Answers400WithAClearError(string query, string expected)
    {
        var (status, contentType, body) = await GetAsync(query, new FixedSource([]));

        Assert.Equal(400, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.StartsWith(expected, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Json_AnswersTheReportInSnakeCase()
    {
        var (status, _, body) = await GetAsync("?month=2027-02", new FixedSource(Reports.FebruaryRuns()));

        Assert.Equal(200, status);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal("2027-02", report.GetProperty("month").GetString());
        Assert.Equal("complete", report.GetProperty("state").GetString());
        Assert.Equal(50, report.GetProperty("minutes").GetProperty("down").GetInt32());
        Assert.Equal(50, report.GetProperty("incidents")[0].GetProperty("down_minutes").GetInt32());
    }

    [Fact]
    public async Task GetAsync_NoMonth_ReportsTheCurrentMonth()
    {
        var (_, _, body) = await GetAsync(string.Empty, new FixedSource([]));

        Assert.Equal("2027-03", JsonDocument.Parse(body).RootElement.GetProperty("month").GetString());
        Assert.Equal("in_progress", JsonDocument.Parse(body).RootElement.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("svg", "image/svg+xml", "<svg")]
    [InlineData("html", "text/html", "<!DOCTYPE html>")]
    [InlineData("HTML", "text/html", "<!DOCTYPE html>")]
    [InlineData("png", "image/png", "PNG")]
    public async Task GetAsync_AFormat_AnswersInIt(string format, string contentType, string expected)
    {
        var (status, actualType, body) = await GetAsync($"?month=2027-02&format={format}", new FixedSource(Reports.FebruaryRuns()));

        Assert.Equal(200, status);
        Assert.StartsWith(contentType, actualType, StringComparison.Ordinal);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_AFutureMonth_IsAReportThatSaysSo()
    {
        var (status, _, body) = await GetAsync("?month=2030-01&format=html", new FixedSource([]));

        Assert.Equal(200, status);
        Assert.Contains("January 2030 has not begun", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_LogAnalyticsRefuses_Answers502WithWhatItSaid()
    {
        var (status, _, body) = await GetAsync("?month=2027-02", new FailingSource());

        Assert.Equal(502, status);
        Assert.Contains("Log Analytics refused", body, StringComparison.Ordinal);
    }

    private async Task<(int Status, string? ContentType, string Body)> GetAsync(string query, IProbeObservationSource source)
    {
        var sut = new SlaReportEndpoint(new SlaReporter(source, time));
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.QueryString = new QueryString(query);
        using var body = new MemoryStream();
        context.Response.Body = body;

        var result = await sut.GetAsync(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);

        return (context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    private sealed class FixedSource(IReadOnlyList<ProbeObservation> observations) : IProbeObservationSource
    {
        public string Description => "probe table availabilityprobes";

        public Task<IReadOnlyList<ProbeObservation>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult(observations);
    }

    private sealed class FailingSource : IProbeObservationSource
    {
        public string Description => "Log Analytics workspace x";

        public Task<IReadOnlyList<ProbeObservation>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            throw new LogAnalyticsQueryException("Log Analytics refused access to workspace x (403).") { Status = 403 };
    }
}

using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using static AstroBot.Continuity.Tests.Availability.Reporting.LogAnalytics.RecordedLogAnalytics;

namespace AstroBot.Continuity.Tests.Availability.Reporting.LogAnalytics;

/// <summary>The query client against recorded answers of the documented request and response shapes (not tried against Azure).</summary>
public sealed class LogAnalyticsQueryClientTests
{
    private static readonly DateTimeOffset From = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 3, 1, 0, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task QueryAsync_AQuery_PostsTheDocumentedRequestSignedForTheQueryApi()
    {
        var service = new RecordedLogAnalytics(Table(["Category", "count_"], ["Administrative", "20839"]));

        await service.Client().QueryAsync(WorkspaceId, "AppTraces | take 1", From, To, CancellationToken.None);

        var request = Assert.Single(service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(new Uri($"https://api.loganalytics.io/v1/workspaces/{WorkspaceId}/query"), request.Url);
        Assert.Equal($"Bearer {Token}", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("AppTraces | take 1", (string?)request.Json["query"]);
        Assert.Equal("2027-02-01T00:00:00Z/2027-03-01T00:10:00Z", (string?)request.Json["timespan"]);
        Assert.Equal(["https://api.loganalytics.io/.default"], service.Credential.Scopes.Distinct());
    }

    [Fact]
    public async Task QueryAsync_TheDocumentedAnswer_ReturnsTheFirstTableColumnsAndRows()
    {
        var service = new RecordedLogAnalytics(new Answer(200, """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"Category","type":"string"},{"name":"count_","type":"long"}],
              "rows":[["Administrative",20839],["Recommendation",122]]}]}
            """));

        var sut = await service.Client().QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None);

        Assert.Equal(["Category", "count_"], sut.Columns);
        Assert.Equal(2, sut.Rows.Count);
        Assert.Equal("Recommendation", sut.Rows[1][sut.IndexOf("Category")].GetString());
        Assert.Equal(20839, sut.Rows[0][sut.IndexOf("count_")].GetInt64());
    }

    [Theory]
    [InlineData(401, """{"error":{"message":"Valid authentication was not provided","code":"AuthorizationRequiredError"}}""", "refused the sign-in (401)")]
    [InlineData(403, """{"error":{"message":"The provided credentials have insufficient access to perform the requested operation","code":"InsufficientAccessError"}}""", "give the app's identity the Log Analytics Reader role")]
    [InlineData(400, """{"error":{"message":"The request had some invalid properties","code":"BadArgumentError","innererror":{"code":"SyntaxError","message":"A recognition error occurred in the query."}}}""", "(SyntaxError A recognition error occurred in the query.)")]
    [InlineData(404, """{"error":{"message":"The workspace could not be found","code":"WorkspaceNotFoundError"}}""", "must be the workspace's Workspace ID")]
    [InlineData(500, "not json at all", "answered 500")]
    public async Task QueryAsync_ARefusal_ThrowsSayingWhatWasRefusedAndWhy(int status, string body, string expected)
    {
        var service = new RecordedLogAnalytics(new Answer(status, body));

        var error = await Assert.ThrowsAsync<LogAnalyticsQueryException>(() => service.Client().QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public async Task QueryAsync_Throttled_ThrowsWithTheRetryAfterTheServiceAskedFor()
    {
        var service = new RecordedLogAnalytics(new Answer(429, """{"error":{"message":"Too many requests","code":"ThrottledError"}}""", ("Retry-After", "30")));

        var error = await Assert.ThrowsAsync<LogAnalyticsQueryException>(() => service.Client().QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains("kept throttling the query (429) after the client's retries; it asks to retry after 30 s: ThrottledError Too many requests.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ThrottledOnceThenAnswered_RetriesThroughThePipeline()
    {
        var service = new RecordedLogAnalytics(new Answer(429, "", ("Retry-After", "0")), Table(["Wamid"], ["wamid.probe.x"]));

        var sut = await service.Client(retries: 2).QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None);

        Assert.Single(sut.Rows);
        Assert.Equal(2, service.Requests.Count);
        Assert.All(service.Requests, request => Assert.Equal($"Bearer {Token}", request.Authorization));
    }

    [Fact]
    public async Task QueryAsync_APartialError_ThrowsRatherThanUndercount()
    {
        var service = new RecordedLogAnalytics(new Answer(200, """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"Wamid","type":"string"}],"rows":[["wamid.probe.x"]]}],
             "error":{"code":"PartialError","message":"There were some errors when processing your query.",
                      "details":[{"code":"EngineError","message":"Query exceeded the memory limit"}]}}
            """));

        var error = await Assert.ThrowsAsync<LogAnalyticsQueryException>(() => service.Client().QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None));

        Assert.Contains("partial result (PartialError There were some errors when processing your query. (EngineError Query exceeded the memory limit))", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Status);
    }

    [Theory]
    [InlineData("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"a\"}],\"rows\":[[1,2]]}]}", "does not hold one value per column")]
    [InlineData("{\"tables\":[]}", "has no tables[0] with columns and rows")]
    [InlineData("{\"value\":1}", "has no tables[0] with columns and rows")]
    [InlineData("{\"tables\":[{\"columns\":[{\"type\":\"string\"}],\"rows\":[]}]}", "has no name")]
    [InlineData("{\"tables\":[{", "is not JSON")]
    public async Task QueryAsync_AMalformedAnswer_ThrowsSayingSo(string body, string expected)
    {
        var service = new RecordedLogAnalytics(new Answer(200, body));

        var error = await Assert.ThrowsAsync<LogAnalyticsQueryException>(() => service.Client().QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexOf_AColumnTheAnswerLacks_ThrowsNamingWhatItHas()
    {
        var service = new RecordedLogAnalytics(Table(["Wamid"]));
        var sut = await service.Client().QueryAsync(WorkspaceId, "q", From, To, CancellationToken.None);

        var error = Assert.Throws<LogAnalyticsQueryException>(() => sut.IndexOf("Up"));

        Assert.Contains("no column 'Up' (it has Wamid)", error.Message, StringComparison.Ordinal);
    }
}

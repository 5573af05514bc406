using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Tests.Availability.Reporting.LogAnalytics;

/// <summary>
/// The Log Analytics query API played from recorded answers of its documented shapes, behind Azure.Core's transport
/// seam (an <see cref="HttpClientTransport"/> over this handler): each request is recorded (method, URL, the
/// Authorization header, the body) and answered with the next scripted answer (the last one repeats). The credential
/// records the scopes it was asked for. No emulator of the service exists; nothing here was checked against Azure.
/// </summary>
public sealed class RecordedLogAnalytics : HttpMessageHandler
{
    public const string Endpoint = "https://api.loganalytics.io";
    public const string WorkspaceId = "63613592-b6f7-4c3d-a390-22ba13102111";
    public const string Token = "log-analytics-test-token";

    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Queue<Answer> answers = new();

    public RecordedLogAnalytics(params Answer[] script)
    {
        foreach (var answer in script)
        {
            answers.Enqueue(answer);
        }
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public ScopeRecordingCredential Credential { get; } = new();

    /// <summary>The client as the app builds it, over this handler, retrying at most <paramref name="retries"/> times without waiting long.</summary>
    public LogAnalyticsQueryClient Client(int retries = 0)
    {
        var options = new LogAnalyticsClientOptions { Transport = new HttpClientTransport(new HttpClient(this)) };
        options.Retry.MaxRetries = retries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
        return new LogAnalyticsQueryClient(new Uri(Endpoint), Credential, options);
    }

    /// <summary>A documented answer (<c>tables[0]</c>, <c>PrimaryResult</c>) with string columns <paramref name="columns"/>.</summary>
    public static Answer Table(string[] columns, params string?[][] rows)
    {
        var table = new JsonObject
        {
            ["name"] = "PrimaryResult",
            ["columns"] = new JsonArray([.. columns.Select(column => (JsonNode)new JsonObject { ["name"] = column, ["type"] = "string" })]),
            ["rows"] = new JsonArray([.. rows.Select(row => (JsonNode)new JsonArray([.. row.Select(value => (JsonNode?)JsonValue.Create(value))]))]),
        };
        return new Answer(200, new JsonObject { ["tables"] = new JsonArray(table) }.ToJsonString());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
        Answer answer;
        lock (answers)
        {
            answer = answers.Count > 1 ? answers.Dequeue() : answers.Count == 1 ? answers.Peek() : new Answer(501, """{"error":{"code":"Unscripted","message":"no answer recorded"}}""");
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request, Content = new StringContent(answer.Body ?? "", Encoding.UTF8, "application/json") };
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>One recorded answer: a status, a body and headers.</summary>
    public sealed record Answer(int Status, string? Body = null, params (string Name, string Value)[] Headers);

    /// <summary>What the client sent.</summary>
    public sealed record RecordedRequest(string Method, Uri Url, string? Authorization, string? ContentType, string? Body)
    {
        public JsonNode Json => JsonNode.Parse(Body ?? throw new InvalidOperationException($"{Method} {Url} had no body."))!;
    }

    /// <summary>A credential that hands out <see cref="Token"/> and remembers which scopes it was asked for.</summary>
    public sealed class ScopeRecordingCredential : TokenCredential
    {
        private readonly ConcurrentQueue<string> scopes = new();

        public IReadOnlyList<string> Scopes => [.. scopes];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                scopes.Enqueue(scope);
            }

            return new AccessToken(Token, DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using AstroBot.Continuity.Arm;

namespace AstroBot.Continuity.Tests.Arm;

/// <summary>
/// Resource Manager played from recorded answers, behind Azure.Core's transport seam (an <see cref="HttpClientTransport"/>
/// over this handler): each request is answered by its method and path with the next answer scripted for them (the last
/// one repeats), and recorded with its body. A request nothing was scripted for is answered 501 and listed in
/// <see cref="Unscripted"/>. The answers have the documented shapes of Microsoft.DocumentDB's Resource Manager API.
/// </summary>
public sealed class RecordedArm : HttpMessageHandler
{
    public const string Host = "https://management.azure.com";
    public const string Token = "arm-test-token";

    private readonly ConcurrentDictionary<string, Queue<Answer>> script = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<string> unscripted = new();
    private readonly ConcurrentQueue<(string KeyPrefix, Queue<Answer> Answers)> prefixes = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public IReadOnlyList<string> Unscripted => [.. unscripted];

    /// <summary>The answers to <paramref name="method"/> on <paramref name="path"/>, in order; the last one repeats.</summary>
    public RecordedArm On(string method, string path, params Answer[] answers)
    {
        script[Key(method, path)] = new Queue<Answer>(answers);
        return this;
    }

    /// <summary>
    /// The answers to <paramref name="method"/> on any path that starts with <paramref name="pathPrefix"/> and has no
    /// answers of its own: for a resource whose name the code under test makes up (a drill's new account).
    /// </summary>
    public RecordedArm OnPrefix(string method, string pathPrefix, params Answer[] answers)
    {
        prefixes.Enqueue((Key(method, pathPrefix), new Queue<Answer>(answers)));
        return this;
    }

    public IReadOnlyList<RecordedRequest> To(string method, string path) =>
        [.. Requests.Where(request => request.Method == method && request.Path == path)];

    /// <summary>
    /// An ArmClient as the app builds it (<see cref="ArmClients"/>: pinned api-versions, throttling waited out on
    /// <paramref name="time"/>, the machine's clock by default), over this handler, retrying without waiting.
    /// </summary>
    public ArmClient Client(TimeProvider? time = null) => ArmClients.Create(new StaticCredential(), Quick(new ArmClientOptions()), time ?? TimeProvider.System);

    /// <summary>The app's client for what generic resources cannot send, over this handler like <see cref="Client"/>.</summary>
    public ArmRestClient RestClient(TimeProvider? time = null) =>
        new(new StaticCredential(), Quick(new ArmRestClientOptions { Endpoint = new Uri(Host) }), time ?? TimeProvider.System);

    private T Quick<T>(T options)
        where T : ClientOptions
    {
        options.Transport = new HttpClientTransport(new HttpClient(this));
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.MaxRetries = 3;
        return options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method, uri.AbsolutePath, System.Web.HttpUtility.ParseQueryString(uri.Query)["api-version"],
            request.Headers.Authorization?.ToString(), body);
        requests.Enqueue(recorded);
        var key = Key(recorded.Method, recorded.Path);
        if (!script.TryGetValue(key, out var answers))
        {
            answers = prefixes.FirstOrDefault(prefix => key.StartsWith(prefix.KeyPrefix, StringComparison.Ordinal)).Answers;
        }

        if (answers is null || answers.Count == 0)
        {
            unscripted.Enqueue($"{recorded.Method} {recorded.Path}");
            return new HttpResponseMessage(HttpStatusCode.NotImplemented) { RequestMessage = request, Content = Json("""{"error":{"code":"Unscripted","message":"no answer recorded"}}""") };
        }

        Answer answer;
        lock (answers)
        {
            answer = answers.Count > 1 ? answers.Dequeue() : answers.Peek();
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request, Content = Json(answer.Body ?? "") };
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Key(string method, string path) => method + " " + path;

    /// <summary>One recorded answer: a status, headers and a JSON body.</summary>
    public sealed record Answer(int Status, string? Body = null, params (string Name, string Value)[] Headers);

    /// <summary>What the client sent.</summary>
    public sealed record RecordedRequest(string Method, string Path, string? ApiVersion, string? Authorization, string? Body)
    {
        public JsonNode Json => JsonNode.Parse(Body ?? throw new InvalidOperationException($"{Method} {Path} had no body."))!;
    }

    /// <summary>A credential that hands out <see cref="Token"/>.</summary>
    public sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token, DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

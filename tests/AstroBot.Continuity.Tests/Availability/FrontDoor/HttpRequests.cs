using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Availability.FrontDoor;

/// <summary>Requests as Kestrel would hand them to the endpoint.</summary>
internal static class HttpRequests
{
    private static readonly IServiceProvider ResultServices = new ServiceCollection().AddLogging().BuildServiceProvider();

    public static HttpRequest Post(byte[] body, string? signature, bool declareLength = true) =>
        Post(new MemoryStream(body), declareLength ? body.Length : null, signature);

    public static HttpRequest Post(Stream body, long? contentLength, string? signature)
    {
        var context = NewContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        if (signature is not null)
        {
            context.Request.Headers["X-Hub-Signature-256"] = signature;
        }

        return context.Request;
    }

    public static HttpRequest Get(string queryString)
    {
        var context = NewContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = new QueryString(queryString);
        return context.Request;
    }

    /// <summary>Runs the result as the host would and returns the response.</summary>
    public static async Task<(int Status, string Body, HttpResponse Response)> ExecuteAsync(IResult result, HttpRequest request)
    {
        await result.ExecuteAsync(request.HttpContext);
        var body = (MemoryStream)request.HttpContext.Response.Body;
        return (request.HttpContext.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()), request.HttpContext.Response);
    }

    /// <summary>Posts <paramref name="json"/> to <paramref name="route"/> and returns the status and the JSON answered.</summary>
    public static async Task<(int Status, System.Text.Json.JsonElement Body)> PostJsonAsync(Func<HttpRequest, CancellationToken, Task<IResult>> route, string json)
    {
        var request = Post(System.Text.Encoding.UTF8.GetBytes(json), signature: null);
        var (status, text, _) = await ExecuteAsync(await route(request, CancellationToken.None), request);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        return (status, document.RootElement.Clone());
    }

    private static DefaultHttpContext NewContext() =>
        new() { RequestServices = ResultServices, Response = { Body = new MemoryStream() } };
}

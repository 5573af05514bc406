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

    private static DefaultHttpContext NewContext() =>
        new() { RequestServices = ResultServices, Response = { Body = new MemoryStream() } };
}

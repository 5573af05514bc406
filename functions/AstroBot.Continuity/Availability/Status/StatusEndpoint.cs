using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// The public status routes, anonymous in both hosts: <c>GET /api/status</c> (JSON) and <c>GET /api/status/page</c> (the
/// page). <c>HEAD</c> answers as <c>GET</c> without the body; any other method is 405 with <c>Allow: GET, HEAD</c>, the
/// same in both hosts because the routes take every method and answer here. The query string is never read.
/// </summary>
public sealed class StatusEndpoint(StatusReporter reporter)
{
    /// <summary>The methods the routes answer.</summary>
    public const string Allowed = "GET, HEAD";

    // Short: a page reloaded during an incident should show its news within seconds.
    private const string CacheControl = "public, max-age=15";

    /// <summary><c>/api/status</c>: the report as JSON.</summary>
    public Task<IResult> GetJsonAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(request, headers => headers.AccessControlAllowOrigin = "*", report => Results.Json(report, ApiJson.Options), cancellationToken); // public data, for other status pages to read

    /// <summary><c>/api/status/page</c>: the report as a page.</summary>
    public Task<IResult> GetPageAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(
            request,
            headers => headers.ContentSecurityPolicy = StatusPage.ContentSecurityPolicy,
            report => Results.Content(StatusPage.Render(report), "text/html; charset=utf-8"),
            cancellationToken);

    private async Task<IResult> AnswerAsync(
        HttpRequest request, Action<IHeaderDictionary> addHeaders, Func<StatusReport, IResult> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsReadOnly(request))
        {
            return NotAllowed(request);
        }

        var report = await reporter.ReportAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.XContentTypeOptions = "nosniff";
        addHeaders(headers);
        return render(report);
    }

    private static bool IsReadOnly(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    private static IResult NotAllowed(HttpRequest request)
    {
        request.HttpContext.Response.Headers.Allow = Allowed;
        return ApiJson.Error(StatusCodes.Status405MethodNotAllowed, "The status is read with GET or HEAD.");
    }
}

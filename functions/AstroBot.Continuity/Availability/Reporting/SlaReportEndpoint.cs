using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The operators' SLA report route, <c>GET /api/sla/report</c> (<see cref="HttpRoutes.SlaReport"/>), in both hosts:
/// <c>month=YYYY-MM</c> (default: the current month, UTC) and <c>format=json</c> (default), <c>svg</c>, <c>png</c>
/// (the picture) or <c>html</c> (a self-contained page, <see cref="SlaReportPage"/>). A malformed month or format is
/// 400 with <c>{"error": "..."}</c>; a month without records is a report that says so; Log Analytics refusing the query
/// is 502 with what it said. A function key guards it in Azure; the local host serves it on loopback.
/// </summary>
public sealed class SlaReportEndpoint(SlaReporter reporter)
{
    /// <summary>The formats the route answers in.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["json", "svg", "png", "html"];

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SlaMonth? month = null;
        var monthValues = request.Query["month"];
        if (monthValues.Count > 1)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "Give month at most once.");
        }

        if (monthValues.Count == 1)
        {
            if (!SlaMonth.TryParse(monthValues[0], out var parsed, out var problem))
            {
                return ApiJson.Error(StatusCodes.Status400BadRequest, problem);
            }

            month = parsed;
        }

        var formatValues = request.Query["format"];
        var format = formatValues.Count == 0 ? "json" : formatValues.Count == 1 ? formatValues[0]?.ToLowerInvariant() : null;
        if (format is null || !Formats.Contains(format))
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, $"format must be one of {string.Join(", ", Formats)} (default json), at most once.");
        }

        SlaReport report;
        try
        {
            report = await reporter.ReportAsync(month, cancellationToken).ConfigureAwait(false);
        }
        catch (LogAnalyticsQueryException exception)
        {
            return ApiJson.Error(StatusCodes.Status502BadGateway, exception.Message);
        }

        return format switch
        {
            "svg" => Results.Text(SlaPicture.Svg(report), "image/svg+xml; charset=utf-8"),
            "png" => Results.Bytes(SlaPicture.Png(report), "image/png"),
            "html" => Results.Text(SlaReportPage.Write(report), "text/html; charset=utf-8"),
            _ => Results.Json(report, ApiJson.Options),
        };
    }
}

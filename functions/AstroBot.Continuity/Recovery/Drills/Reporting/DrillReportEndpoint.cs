using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>
/// A drill's report, <c>GET /api/drills/{id}/report</c> (<see cref="HttpRoutes.DrillReport"/>), in both hosts:
/// <c>format=html</c> (default, <see cref="DrillReportPage"/>), <c>json</c> (<see cref="DrillReport"/>) or <c>svg</c>
/// (<see cref="DrillTimelinePicture"/>). 400 for another format, 404 for a drill the history does not hold. A function
/// key guards it in Azure; the local host serves it on loopback.
/// </summary>
public sealed class DrillReportEndpoint(DrillHistory history)
{
    /// <summary>The formats the route answers in, the default first.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["html", "json", "svg"];

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var formats = request.Query["format"];
        var format = formats.Count == 0 ? Formats[0] : formats.Count == 1 ? formats[0]?.ToLowerInvariant() : null;
        if (format is null || !Formats.Contains(format))
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, $"format must be one of {string.Join(", ", Formats)} (default {Formats[0]}), at most once.");
        }

        if (!DrillId.IsWellFormed(id) || await history.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } drill)
        {
            return ApiJson.Error(StatusCodes.Status404NotFound, $"There is no drill '{id}' (see GET /api/drills).");
        }

        var report = DrillReport.Of(drill);
        return format switch
        {
            "json" => Results.Json(report, ApiJson.Options),
            "svg" => Results.Text(DrillTimelinePicture.Svg(report), "image/svg+xml; charset=utf-8"),
            _ => Results.Text(DrillReportPage.Write(report), "text/html; charset=utf-8"),
        };
    }
}

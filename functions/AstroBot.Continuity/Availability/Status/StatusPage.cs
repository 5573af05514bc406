using System.Globalization;
using System.Net;
using System.Text;
using AstroBot.Continuity.Availability.Incidents;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// The public status page (<c>GET /api/status/page</c>): the <see cref="StatusReport"/> as one self-contained HTML page,
/// with no scripts, no external resources (inline CSS, an empty inline icon) and every value HTML-encoded. It shows the
/// same report as <c>GET /api/status</c>, element ids naming what a reader or a test looks for.
/// </summary>
public static class StatusPage
{
    /// <summary>The page's title.</summary>
    public const string Title = "AstroBot status";

    /// <summary>The Content-Security-Policy the page is served with: nothing may load but its own inline style.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}" +
        "h1{font-size:1.6rem}.overall{font-size:1.3rem;padding:.8rem 1rem;border-radius:.4rem;color:#fff}" +
        ".operational{background:#1e7d32}.degraded{background:#b26a00}.outage{background:#b71c1c}.maintenance{background:#1565c0}.unknown{background:#616161}" +
        ".notice{border-left:.4rem solid #b26a00;padding:.2rem 1rem;margin:1rem 0;background:#fff8e1}.notice.maintenance-notice{border-color:#1565c0;background:#e3f2fd}" +
        "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}" +
        ".state-operational{color:#1e7d32}.state-degraded{color:#b26a00}.state-down{color:#b71c1c}.state-unknown{color:#616161}" +
        "#uptime{display:flex;gap:2px;margin:.5rem 0}#uptime span{flex:1;height:2.2rem;border-radius:2px}" +
        ".day-up{background:#2e7d32}.day-partial{background:#f9a825}.day-down{background:#c62828}.day-nodata{background:#cfd8dc}" +
        ".legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .2rem 0 .8rem;vertical-align:middle}footer{margin-top:2rem;color:#555;font-size:.9rem}";

    /// <summary>The page of <paramref name="report"/>.</summary>
    public static string Render(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<link rel=\"icon\" href=\"data:,\"><title>").Append(Title).Append("</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(Title).Append("</h1>\n")
            .Append("<p id=\"overall\" class=\"overall ").Append(Name(report.Overall)).Append("\" data-state=\"").Append(Name(report.Overall)).Append("\">")
            .Append(Encode(report.Headline)).Append("</p>\n");
        Incident(html, report.Incident);
        Maintenance(html, report.Maintenance);
        Components(html, report.Components);
        Uptime(html, report.Uptime);
        if (report.Unknown.Count > 0)
        {
            html.Append("<p id=\"unknown\">Not known right now: ").Append(Encode(string.Join(", ", report.Unknown))).Append(". The rest of this page is as measured.</p>\n");
        }

        html.Append("<footer>Checked ").Append(Encode(Time(report.CheckedAt))).Append(". Also as JSON: <a href=\"../status\">/api/status</a>.</footer>\n</body></html>\n");
        return html.ToString();
    }

    private static void Incident(StringBuilder html, PublicIncident? incident)
    {
        if (incident is null)
        {
            return;
        }

        var open = incident.State == IncidentState.Open;
        html.Append("<section id=\"incident\" class=\"notice\" data-state=\"").Append(open ? "open" : "resolved").Append("\"><h2>")
            .Append(open ? "Incident" : "Resolved incident").Append("</h2>\n<p id=\"incident-message\">").Append(Encode(incident.Message)).Append("</p>\n");
        if (incident.Resolution is { } resolution)
        {
            html.Append("<p id=\"incident-resolution\">").Append(Encode(resolution)).Append("</p>\n");
        }

        html.Append("<p>Since ").Append(Encode(Time(incident.StartedAt)));
        if (incident.UpdatedAt > incident.StartedAt)
        {
            html.Append(", updated ").Append(Encode(Time(incident.UpdatedAt)));
        }

        if (incident.ResolvedAt is { } resolvedAt)
        {
            html.Append(", resolved ").Append(Encode(Time(resolvedAt)));
        }

        html.Append(". Messages sent meanwhile are kept and answered.</p></section>\n");
    }

    private static void Maintenance(StringBuilder html, PublicMaintenance? maintenance)
    {
        if (maintenance is null)
        {
            return;
        }

        html.Append("<section id=\"maintenance\" class=\"notice maintenance-notice\"><h2>Planned maintenance</h2>\n<p id=\"maintenance-message\">")
            .Append(Encode(maintenance.Message)).Append("</p>\n<p>From ").Append(Encode(Time(maintenance.StartedAt))).Append(" until ")
            .Append(Encode(Time(maintenance.Until))).Append(" at the latest. Messages sent meanwhile are kept and answered after it.</p></section>\n");
    }

    private static void Components(StringBuilder html, IReadOnlyList<ComponentStatus> components)
    {
        html.Append("<h2>Components</h2>\n<table id=\"components\"><tr><th>Component</th><th>State</th><th>Details</th></tr>\n");
        foreach (var component in components)
        {
            var state = Name(component.State);
            html.Append("<tr data-component=\"").Append(Encode(component.Id)).Append("\"><td>").Append(Encode(component.Name))
                .Append("</td><td class=\"state-").Append(state).Append("\">").Append(state).Append("</td><td>").Append(Encode(component.Detail)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Uptime(StringBuilder html, UptimeHistory uptime)
    {
        html.Append("<h2>Uptime, last ").Append(uptime.Days.ToString(CultureInfo.InvariantCulture)).Append(" days</h2>\n<p id=\"uptime-overall\">")
            .Append(uptime.Overall is { } overall ? Encode(Percent(overall)) + " of the probed minutes were up." : uptime.Known ? "No data yet." : "Unknown right now.")
            .Append("</p>\n<div id=\"uptime\" role=\"list\">");
        foreach (var day in uptime.Daily)
        {
            var date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var label = day.Uptime is { } share
                ? string.Create(CultureInfo.InvariantCulture, $"{date}: {Percent(share)} up ({day.ProbedMinutes:N0} minutes probed)")
                : $"{date}: no data";
            html.Append("<span role=\"listitem\" class=\"day-").Append(DayClass(day.Uptime)).Append("\" data-date=\"").Append(date)
                .Append("\" title=\"").Append(Encode(label)).Append("\" aria-label=\"").Append(Encode(label)).Append("\"></span>");
        }

        html.Append("</div>\n<p class=\"legend\">Each bar is a UTC day, oldest first:<span class=\"day-up\"></span>99.9% or more<span class=\"day-partial\"></span>99% or more")
            .Append("<span class=\"day-down\"></span>less<span class=\"day-nodata\"></span>no data. A minute is up when every probe sent in it was answered and handed over within a minute.</p>\n");
    }

    private static string DayClass(double? uptime) => uptime switch
    {
        null => "nodata",
        >= 0.999 => "up",
        >= 0.99 => "partial",
        _ => "down",
    };

    // Truncated, not rounded: 99.996% shows as 99.99%, never as 100%.
    private static string Percent(double share) =>
        (Math.Floor(share * 10_000) / 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

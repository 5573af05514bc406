using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Status;

namespace AstroBot.Continuity.Tests.Availability.Status;

public sealed class StatusPageTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_AnIncidentMessageWithMarkup_EncodesItAndHasNoScript()
    {
        const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"quotes\"";
        var report = Report() with
        {
            Incident = new PublicIncident(IncidentState.Open, Hostile, Now, Now, null, null, IncidentSource.Operator),
        };

        var sut = StatusPage.Render(report);

        Assert.DoesNotContain("<script", sut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", sut, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NinetyDays_NinetyBarsWithNoDataWhereNothingWasProbed()
    {
        var sut = StatusPage.Render(Report());

        Assert.Equal(90, CountOf(sut, "role=\"listitem\""));
        Assert.Equal(90, CountOf(sut, "class=\"day-nodata\" data-date="));
        Assert.Contains("2027-01-15: no data", sut, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static StatusReport Report() =>
        new(Now, OverallState.Operational, "All systems operational", [], null, null, UptimeCalculator.Compute([], DateOnly.FromDateTime(Now.UtcDateTime), 90), []);
}

using AstroBot.Continuity.Recovery.Drills.Reporting;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Reporting;

public sealed class DrillReportPageTests
{
    [Fact]
    public void Write_AFailedDrill_EscapesEveryValueAndLoadsNothing()
    {
        var sut = DrillReportPage.Write(DrillReport.Of(DrillRecords.Failed()));

        Assert.Contains("<p id=\"state\" class=\"failed\" data-state=\"failed\">Failed: 403 &lt;Forbidden&gt; &amp; more</p>", sut, StringComparison.Ordinal);
        Assert.Contains("ops &lt;b&gt;", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", sut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", sut, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", sut, StringComparison.Ordinal);
        Assert.Contains("<p id=\"no-facts\">", sut, StringComparison.Ordinal);
    }
}

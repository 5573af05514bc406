using System.Xml.Linq;
using AstroBot.Continuity.Recovery.Drills.Reporting;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Reporting;

public sealed class DrillTimelinePictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Svg_APassedDrill_DrawsAGreenBarPerStepInOrderAndTheMeasuredRto()
    {
        var sut = XDocument.Parse(DrillTimelinePicture.Svg(DrillReport.Of(DrillRecords.Passed())));

        var bars = sut.Descendants(Svg + "rect").Where(rect => rect.Attribute("data-step") is not null).ToList();
        Assert.Equal(["0", "1", "2"], bars.Select(bar => (string?)bar.Attribute("data-step")));
        Assert.All(bars, bar => Assert.Equal("#2e7d32", (string?)bar.Attribute("fill")));
        var x = bars.Select(bar => double.Parse((string)bar.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(x.Order(), x); // later steps start further right
        Assert.Contains(sut.Descendants(Svg + "g"), mark => (string?)mark.Attribute("data-mark") == "measured-rto" && mark.Value.Contains("RTO 00:00:12", StringComparison.Ordinal));
    }

    [Fact]
    public void Svg_AnObjectiveFarBeyondTheDrill_SaysWhereItIsInsteadOfSquashingTheBars()
    {
        var sut = XDocument.Parse(DrillTimelinePicture.Svg(DrillReport.Of(DrillRecords.Passed())));

        var objective = Assert.Single(sut.Descendants(), element => (string?)element.Attribute("data-mark") == "rto-objective");
        Assert.Equal("text", objective.Name.LocalName);
        Assert.Contains("RTO objective 04:00:00: far beyond this scale", objective.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_AnObjectiveNearTheDrill_IsADashedLineToScale()
    {
        var drill = DrillRecords.Passed() with { Objective = new() { Rto = TimeSpan.FromSeconds(20), Rpo = TimeSpan.FromMinutes(5) } };

        var sut = XDocument.Parse(DrillTimelinePicture.Svg(DrillReport.Of(drill)));

        var objective = Assert.Single(sut.Descendants(Svg + "g"), element => (string?)element.Attribute("data-mark") == "rto-objective");
        Assert.Equal("6 4", (string?)objective.Element(Svg + "line")!.Attribute("stroke-dasharray"));
        Assert.Contains("objective 00:00:20", objective.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_AFailedStep_IsRedAndItsNameIsEscaped()
    {
        var svg = DrillTimelinePicture.Svg(DrillReport.Of(DrillRecords.Failed()));
        var sut = XDocument.Parse(svg);

        var failed = Assert.Single(sut.Descendants(Svg + "rect"), rect => (string?)rect.Attribute("data-succeeded") == "false");
        Assert.Equal("#c62828", (string?)failed.Attribute("fill"));
        Assert.Contains(sut.Descendants(Svg + "text"), text => text.Value == "restore <the> chain");
        Assert.DoesNotContain("<the>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }
}

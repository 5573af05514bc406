using AstroBot.Continuity.Availability.Reporting;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class SlaPictureTests
{
    [Fact]
    public void Svg_AReport_IsOneSelfContainedSvgWithBothPanelsTitled()
    {
        var sut = SlaPicture.Svg(Reports.February2027());

        Assert.StartsWith("<?xml", sut, StringComparison.Ordinal);
        Assert.Contains($"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{SlaPicture.Width}\" height=\"{SlaPicture.Height}\">", sut, StringComparison.Ordinal);
        Assert.Contains("Daily availability, February 2027 (UTC): 99.876% this month", sut, StringComparison.Ordinal);
        Assert.Contains("Error budget left: -9.7 of 40.3 minutes (-24%)", sut, StringComparison.Ordinal);
        Assert.Contains("objective 99.9%", sut, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", sut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<image", sut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", sut, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Png_AReport_IsAPngOfThePicturesSize()
    {
        var sut = SlaPicture.Png(Reports.February2027());

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, sut[..8]);
        Assert.Equal(SlaPicture.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(sut.AsSpan(16, 4)));
        Assert.Equal(SlaPicture.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(sut.AsSpan(20, 4)));
    }

    [Fact]
    public void Svg_NoRecords_SaysSo()
    {
        var sut = SlaPicture.Svg(SlaCalculator.Compute(Reports.February, Reports.AfterFebruary, [], "probe table availabilityprobes"));

        Assert.Contains("Daily availability, February 2027 (UTC): no probe records", sut, StringComparison.Ordinal);
    }
}

using AstroBot.Continuity.Cli.Commands.Restore;

namespace AstroBot.Continuity.Cli.Tests.Commands.Restore;

public class IsoTimeTests
{
    [Theory]
    [InlineData("2026-11-27T08:00:00Z", "2026-11-27T08:00:00+00:00")]
    [InlineData("2026-11-27T09:00:00.5+01:00", "2026-11-27T08:00:00.5+00:00")]
    [InlineData("2026-11-27T08:00:00", "2026-11-27T08:00:00+00:00")]
    [InlineData("2026-11-27T08:00", "2026-11-27T08:00:00+00:00")]
    [InlineData("2026-11-27", "2026-11-27T00:00:00+00:00")]
    public void TryParse_Iso8601_IsThatInstantUtcWithoutAnOffset(string text, string expected)
    {
        Assert.True(IsoTime.TryParse(text, out var sut));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), sut);
    }

    [Theory]
    [InlineData("not-a-time")]
    [InlineData("11/27/2026")]
    [InlineData("27.11.2026 08:00")]
    [InlineData("")]
    public void TryParse_NotIso8601_Fails(string text)
    {
        Assert.False(IsoTime.TryParse(text, out _));
    }
}

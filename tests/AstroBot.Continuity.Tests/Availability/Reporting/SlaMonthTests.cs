using AstroBot.Continuity.Availability.Reporting;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class SlaMonthTests
{
    [Theory]
    [InlineData("2027-02", 2027, 2, 28)]
    [InlineData("2028-02", 2028, 2, 29)]
    [InlineData("2027-03", 2027, 3, 31)]
    [InlineData("2027-04", 2027, 4, 30)]
    [InlineData("2027-12", 2027, 12, 31)]
    public void TryParse_AMonth_ReadsItWithItsDays(string text, int year, int month, int days)
    {
        Assert.True(SlaMonth.TryParse(text, out var sut, out var problem), problem);

        Assert.Equal((year, month, days), (sut.Year, sut.Month, sut.Days));
        Assert.Equal(days * 1440, sut.Minutes);
        Assert.Equal(text, sut.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2027-13")]
    [InlineData("2027-00")]
    [InlineData("2027-2")]
    [InlineData("27-02")]
    [InlineData("2027/02")]
    [InlineData("2027-02-01")]
    [InlineData(" 2027-02")]
    [InlineData("february")]
    [InlineData("1999-12")]
    [InlineData("9999-12")]
    [InlineData("２０２７-02")]
    public void TryParse_Malformed_IsRefusedSayingWhatIsExpected(string? text)
    {
        Assert.False(SlaMonth.TryParse(text, out _, out var problem));

        Assert.StartsWith("The month must be YYYY-MM", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void StartAndEnd_AMonthWithADaylightSavingChangeInEurope_AreUtcMidnightsAndEveryDayHas1440Minutes()
    {
        // 28 March 2027 is one hour shorter in Europe; the report's month is UTC, which has no such day.
        SlaMonth.TryParse("2027-03", out var sut, out _);

        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), sut.Start);
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero), sut.End);
        Assert.Equal(TimeSpan.Zero, sut.Start.Offset);
        Assert.Equal(44_640, (sut.End - sut.Start).TotalMinutes);
    }

    [Fact]
    public void Containing_ATimeWithAnOffset_TakesItsUtcMonth()
    {
        // 00:30 on 1 March at +02:00 is still February in UTC.
        var sut = SlaMonth.Containing(new DateTimeOffset(2027, 3, 1, 0, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal("2027-02", sut.ToString());
    }
}

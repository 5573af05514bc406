using AstroBot.Continuity.Availability.Reporting;
using static AstroBot.Continuity.Tests.Availability.Reporting.Observations;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class MinuteTimelineTests
{
    private static readonly DateTimeOffset Start = new(2027, 2, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_TwoRegionsDisagreeInAMinute_TheMinuteIsUpAndCountsAsDisagreed()
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(1), [Down(Start.AddSeconds(3), RegionB), Up(Start.AddSeconds(40), RegionA)]);

        Assert.Equal(MinuteState.Up, sut[0]);
        Assert.True(sut.Disagreed(0));
        Assert.Null(sut.ErrorOf(0));
        Assert.Equal(new MinuteCounts(1, 0, 0, 1), sut.Tally(Start, Start.AddMinutes(1)));
    }

    [Fact]
    public void Build_EveryRunOfAMinuteDown_TheMinuteIsDownWithTheFirstFailure()
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(1), [Down(Start.AddSeconds(40), RegionA, "later"), Down(Start.AddSeconds(2), RegionB, "first")]);

        Assert.Equal(MinuteState.Down, sut[0]);
        Assert.False(sut.Disagreed(0));
        Assert.Equal("first", sut.ErrorOf(0));
    }

    [Fact]
    public void Build_NoRunInAMinute_TheMinuteIsUnknown()
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(3), [Up(Start), Up(Start.AddMinutes(2))]);

        Assert.Equal([MinuteState.Up, MinuteState.Unknown, MinuteState.Up], Enumerable.Range(0, sut.Count).Select(minute => sut[minute]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Build_AShortGapBetweenDownMinutes_IsDown(int gap)
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(gap + 2), [Down(Start), Down(Start.AddMinutes(gap + 1))]);

        Assert.All(Enumerable.Range(0, sut.Count), minute => Assert.Equal(MinuteState.Down, sut[minute]));
        Assert.True(sut.Bridged(1));
        Assert.Null(sut.ErrorOf(1));
    }

    [Fact]
    public void Build_ALongerGapBetweenDownMinutes_StaysUnknown()
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(8), [Down(Start), Down(Start.AddMinutes(7))]);

        Assert.Equal(new MinuteCounts(0, 2, 6, 0), sut.Tally(sut.From, sut.To));
    }

    [Fact]
    public void Build_AGapBetweenDownAndUp_StaysUnknown()
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(4), [Down(Start), Up(Start.AddMinutes(3))]);

        Assert.Equal(new MinuteCounts(1, 1, 2, 0), sut.Tally(sut.From, sut.To));
    }

    [Fact]
    public void Build_RunsOutsideTheRange_AreLeftOut()
    {
        var sut = MinuteTimeline.Build(Start, Start.AddMinutes(1), [Down(Start.AddTicks(-1)), Down(Start.AddMinutes(1))]);

        Assert.Equal(MinuteState.Unknown, sut[0]);
    }

    [Fact]
    public void Floor_ATimeWithAnOffset_IsItsUtcMinute()
    {
        Assert.Equal(new DateTimeOffset(2027, 2, 10, 10, 59, 0, TimeSpan.Zero), MinuteTimeline.Floor(new DateTimeOffset(2027, 2, 10, 12, 59, 59, 999, TimeSpan.FromHours(2))));
    }
}

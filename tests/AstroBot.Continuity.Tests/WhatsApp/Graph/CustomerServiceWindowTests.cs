using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class CustomerServiceWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData((24 * 60 * 60) - 1)]
    public void IsOpen_UserWroteWithin24Hours_True(int secondsAgo)
    {
        Assert.True(CustomerServiceWindow.IsOpen(Now.AddSeconds(-secondsAgo), Now));
    }

    [Theory]
    [InlineData(24 * 60 * 60)]
    [InlineData(3 * 24 * 60 * 60)]
    public void IsOpen_UserWrote24HoursOrMoreAgo_False(int secondsAgo)
    {
        Assert.False(CustomerServiceWindow.IsOpen(Now.AddSeconds(-secondsAgo), Now));
    }

    [Fact]
    public void IsOpen_NeverWrote_False()
    {
        Assert.False(CustomerServiceWindow.IsOpen(null, Now));
    }
}

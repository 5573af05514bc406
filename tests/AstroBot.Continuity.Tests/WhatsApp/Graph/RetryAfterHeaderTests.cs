using System.Net.Http.Headers;
using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_Seconds_ThatDelta()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), RetryAfterHeader.Read(new RetryConditionHeaderValue(TimeSpan.FromSeconds(12)), Now));
    }

    [Fact]
    public void Read_FutureDate_TimeUntilThen()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Read(new RetryConditionHeaderValue(Now.AddSeconds(90)), Now));
    }

    [Fact]
    public void Read_PastDate_Null()
    {
        Assert.Null(RetryAfterHeader.Read(new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now));
    }

    [Fact]
    public void Read_NoHeader_Null()
    {
        Assert.Null(RetryAfterHeader.Read(null, Now));
    }
}

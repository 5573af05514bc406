using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Recovery.Drills.Failover;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Failover;

public class FailoverCanariesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LongestWithoutAcknowledgement_EveryCanaryAcknowledged_IsTheLongestIntervalBetweenSends()
    {
        var sut = Canaries("A@0", "A@250", "A@600", "A@850");

        Assert.Equal(TimeSpan.FromMilliseconds(350), FailoverCanaries.LongestWithoutAcknowledgement(sut));
    }

    [Fact]
    public void LongestWithoutAcknowledgement_AStretchNotAcknowledged_RunsFromTheLastAcknowledgedToTheNext()
    {
        var sut = Canaries("A@0", "A@250", "-@500", "-@750", "-@1000", "A@1250", "A@1500");

        Assert.Equal(TimeSpan.FromMilliseconds(1000), FailoverCanaries.LongestWithoutAcknowledgement(sut));
    }

    [Fact]
    public void LongestWithoutAcknowledgement_NotAcknowledgedAtTheStartOrTheEnd_CountsFromTheFirstSendAndToTheLast()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(750), FailoverCanaries.LongestWithoutAcknowledgement(Canaries("-@0", "-@250", "-@500", "A@750", "A@1000")));
        Assert.Equal(TimeSpan.FromMilliseconds(500), FailoverCanaries.LongestWithoutAcknowledgement(Canaries("A@0", "A@250", "-@500", "-@750")));
    }

    [Fact]
    public void LongestWithoutAcknowledgement_NoneAcknowledged_IsTheWholeWindow()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), FailoverCanaries.LongestWithoutAcknowledgement(Canaries("-@0", "-@250", "-@500")));
    }

    [Fact]
    public void LongestWithoutAcknowledgement_NoCanary_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, FailoverCanaries.LongestWithoutAcknowledgement([]));
    }

    // "A@250": acknowledged, sent 250 ms after the start; "-@250": not acknowledged. Given out of order on purpose.
    private static List<SentCanary> Canaries(params string[] canaries) =>
    [
        .. canaries.Reverse().Select(canary =>
        {
            var acknowledged = canary[0] == 'A';
            var sentAt = Start.AddMilliseconds(int.Parse(canary[2..], System.Globalization.CultureInfo.InvariantCulture));
            return new SentCanary($"wamid.{canary}", sentAt, new ProbeAcknowledgement(acknowledged, acknowledged ? 200 : 502, TimeSpan.FromMilliseconds(5), acknowledged ? null : "the endpoint answered 502"));
        }),
    ];
}

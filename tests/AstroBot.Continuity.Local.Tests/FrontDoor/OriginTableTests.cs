using AstroBot.Continuity.Local.FrontDoor;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

public class OriginTableTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly OriginTable sut = new(new LocalFrontDoorOptions
    {
        Origins = ["http://127.0.0.1:7073", "http://127.0.0.1:7074", "http://127.0.0.1:7075"],
        RestorationDelay = TimeSpan.FromSeconds(10),
    });

    [Fact]
    public void Constructor_OriginsInTheOrderGiven_ArePriorityOneTwoThree()
    {
        Assert.Equal(["region-1", "region-2", "region-3"], sut.Origins.Select(origin => origin.Id));
        Assert.Equal([1, 2, 3], sut.Origins.Select(origin => origin.Priority));
        Assert.Equal(7074, sut["region-2"].Address.Port);
    }

    [Fact]
    public void Route_BeforeAnyProbe_IsThePrimary()
    {
        Assert.Equal("region-1", sut.Route()?.Id);
    }

    [Fact]
    public void Route_EveryOriginInService_IsThePrimary()
    {
        Observe("region-1", "S");
        Observe("region-2", "S");
        Observe("region-3", "S");

        Assert.Equal("region-1", sut.Route()?.Id);
    }

    [Fact]
    public void Route_PrimaryUnhealthy_IsTheNextPriority()
    {
        Observe("region-1", "F");
        Observe("region-2", "S");
        Observe("region-3", "S");

        Assert.Equal("region-2", sut.Route()?.Id);
    }

    [Fact]
    public void Route_PrimaryRestoring_StaysWithTheOriginInService()
    {
        Observe("region-1", "SFFSSS");
        Observe("region-2", "S");
        Assert.Equal(OriginState.Restoring, sut["region-1"].Health.State);

        Assert.Equal("region-2", sut.Route()?.Id);
    }

    [Fact]
    public void Route_OnlyRestoringOrigins_IsTheRestoringOneOfLowestPriorityNumber()
    {
        // Better an origin that answers than a 503: the delay holds an origin back only from one in service.
        Observe("region-1", "F");
        Observe("region-2", "SFFSSS");
        Observe("region-3", "SFFSSS");

        Assert.Equal("region-2", sut.Route()?.Id);
    }

    [Fact]
    public void Route_EveryOriginUnhealthy_IsNone()
    {
        Observe("region-1", "F");
        Observe("region-2", "SFF");
        Observe("region-3", "F");

        Assert.Null(sut.Route());
    }

    [Fact]
    public void Pick_AmongSomeOrigins_OnlyLooksAtThose()
    {
        Observe("region-1", "S");
        Observe("region-2", "S");

        Assert.Equal("region-2", OriginTable.Pick([sut["region-3"], sut["region-2"]])?.Id);
    }

    private void Observe(string origin, string outcomes)
    {
        var at = Start;
        foreach (var outcome in outcomes)
        {
            sut[origin].Health.Observe(outcome == 'S', at);
            at += TimeSpan.FromSeconds(2);
        }
    }
}

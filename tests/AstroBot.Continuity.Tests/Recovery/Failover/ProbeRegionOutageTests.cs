using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Recovery.Failover;

namespace AstroBot.Continuity.Tests.Recovery.Failover;

public class ProbeRegionOutageTests
{
    private static readonly TimeSpan ThreeMinutes = TimeSpan.FromMinutes(3);

    [Fact]
    public void Judge_EveryCompletedRunDown_SaysDown()
    {
        var said = ProbeRegionOutage.Judge([Run(up: false), Run(up: false), Run(up: false, completed: false)], ThreeMinutes);

        Assert.True(said.Down);
        Assert.Equal("the probe was down in all 2 runs of the last 3 min", said.Said);
    }

    [Fact]
    public void Judge_OneRunUp_SaysNotDown()
    {
        var said = ProbeRegionOutage.Judge([Run(up: false), Run(up: true), Run(up: false)], ThreeMinutes);

        Assert.False(said.Down);
        Assert.Equal("the probe was down in 2 of 3 runs of the last 3 min", said.Said);
    }

    [Fact]
    public void Judge_OneFailedRun_IsNotAnOutage()
    {
        Assert.False(ProbeRegionOutage.Judge([Run(up: false)], ThreeMinutes).Down);
    }

    private static ProbeRecord Run(bool up, bool completed = true) =>
        new("wamid", DateTimeOffset.UnixEpoch, "region-1", completed, up, up ? 200 : 503, 10, up, up ? 20 : null, up ? "region-1" : null, up, up ? null : "503");
}

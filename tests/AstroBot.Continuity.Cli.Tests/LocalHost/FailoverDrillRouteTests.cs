using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary><c>POST /api/drills/failover</c> on a local host with no region switch configured (the default).</summary>
public sealed class FailoverDrillRouteTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task PostFailover_NoSwitchConfigured_IsRefusedSayingWhatToSet()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var drillId = await DrillRoute.StartAsync(host.Http, host.BaseUri, "failover", timeout.Token);
        var record = await DrillRoute.WaitUntilOverAsync(host.Http, host.BaseUri, drillId, timeout.Token);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Equal(
            "Refused, nothing switched: no region switch configured: set Recovery:Failover:Switch (Local, with Recovery:Failover:FrontDoorControlUrl, on the local two-region topology; ResourceManager, with Recovery:Failover:Regions, in Azure).",
            record.Error);
        Assert.Empty(record.Facts);
    }
}

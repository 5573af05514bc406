using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Recovery.Failover;

[Trait("Category", "Durable")]
public class ProbeFailoverTriggerTests
{
    private static readonly ProbeRecord Down = new("wamid", DateTimeOffset.UnixEpoch, "region-1", true, false, 503, 10, false, null, null, false, "503");

    [Fact]
    public async Task RecordedAsync_PrimaryDownAndAnAlertConfirms_StartsTheFailoverThatSwitches()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:ConfirmWithin"] = "00:01:00" });
        var sut = ActivatorUtilities.CreateInstance<ProbeFailoverTrigger>(host.Services, host.Client);

        await sut.RecordedAsync(Down, CancellationToken.None);
        await sut.RecordedAsync(Down, CancellationToken.None); // the next run joins it
        Assert.Equal(FailoverSignalResult.Joined, await host.SignalAsync(FailoverSignals.Alert));
        await host.CompletionAsync();

        Assert.Equal(1, host.Regions.Changes);
        var signals = (await host.Decisions.RecentAsync(20, CancellationToken.None)).Where(decision => decision.Step == "signal").Select(decision => decision.Said);
        Assert.Equal(["alert: test alert", "probe: stub: primary down, secondary ready"], signals);
    }

    [Fact]
    public async Task RecordedAsync_PrimaryUp_SignalsNothing()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        host.Outage.PrimaryDown = false;
        var sut = ActivatorUtilities.CreateInstance<ProbeFailoverTrigger>(host.Services, host.Client);

        await sut.RecordedAsync(Down, CancellationToken.None);

        Assert.Null(await host.Client.GetInstanceAsync(FailoverSignals.InstanceId, CancellationToken.None));
    }
}

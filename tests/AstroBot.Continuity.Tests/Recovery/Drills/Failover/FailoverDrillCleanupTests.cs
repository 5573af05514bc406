using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Failover;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Failover;

public class FailoverDrillCleanupTests
{
    private static readonly FailoverDrillOptions Local = new() { Switch = RegionSwitchKind.Local, FrontDoorControlUrl = "http://127.0.0.1:7071/frontdoor/priorities" };

    [Fact]
    public async Task CleanUpAsync_LeftOnTheSecondary_RestoresTheOriginalOrderAndSaysSo()
    {
        var regions = new SwitchStub("region-2", "region-1");
        var sut = new FailoverDrillCleanup(Choice(Local, regions));

        var said = await sut.CleanUpAsync(Abandoned("region-1,region-2"), CancellationToken.None);

        Assert.Equal(["region-1", "region-2"], regions.Order);
        Assert.Contains("restored to region-1, region-2 (it was region-2, region-1)", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpAsync_OrderAlreadyTheOriginal_ChangesNothingAndSaysSo()
    {
        var regions = new SwitchStub("region-1", "region-2");
        var sut = new FailoverDrillCleanup(Choice(Local, regions));

        var said = await sut.CleanUpAsync(Abandoned("region-1,region-2"), CancellationToken.None);

        Assert.Equal(0, regions.Changes);
        Assert.Contains("already region-1, region-2", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpAsync_SwitchDoesNotAnswer_SaysItMayBeLeftFailedOverAndWhatToRun()
    {
        var sut = new FailoverDrillCleanup(Choice(Local, new SwitchStub("region-2", "region-1") { Down = true }));

        var said = await sut.CleanUpAsync(Abandoned("region-1,region-2"), CancellationToken.None);

        Assert.Contains("could not be restored to region-1, region-2 (the front door does not answer)", said, StringComparison.Ordinal);
        Assert.Contains("the system may be left failed over", said, StringComparison.Ordinal);
        Assert.Contains(
            """curl -X PUT http://127.0.0.1:7071/frontdoor/priorities -H 'Content-Type: application/json' -d '{"order": ["region-1", "region-2"]}'""",
            said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpAsync_NoSwitchConfigured_SaysItMayBeLeftFailedOverAndWhy()
    {
        var sut = new FailoverDrillCleanup(Choice(new FailoverDrillOptions()));

        var said = await sut.CleanUpAsync(Abandoned("region-1,region-2"), CancellationToken.None);

        Assert.Contains("no region switch configured", said, StringComparison.Ordinal);
        Assert.Contains("the system may be left failed over", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpAsync_StoppedBeforeItsPreconditions_SaysNothingWasSwitched()
    {
        var regions = new SwitchStub("region-1", "region-2");
        var sut = new FailoverDrillCleanup(Choice(Local, regions));

        var said = await sut.CleanUpAsync(Abandoned(null), CancellationToken.None);

        Assert.Contains("nothing was switched", said, StringComparison.Ordinal);
        Assert.Equal(0, regions.Changes);
    }

    private static RegionSwitchChoice Choice(FailoverDrillOptions options, params IRegionSwitch[] switches) => new(switches, Options.Create(options));

    private static DrillRecord Abandoned(string? originalOrder) =>
        new(
            "20261202T080000Z-drill-failover-00000001", DrillKind.Failover, "RegionOutageCompute", "test", new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
            new RecoveryObjective { Rto = TimeSpan.FromMinutes(2) },
            Facts: originalOrder is null ? null : new Dictionary<string, string> { [FailoverPreconditions.OriginalOrderFact] = originalOrder });

    private sealed class SwitchStub(params string[] order) : IRegionSwitch
    {
        public IReadOnlyList<string> Order { get; private set; } = order;

        public int Changes { get; private set; }

        public bool Down { get; init; }

        public string Describe => "a stub";

        public Task<RegionLayout> ReadAsync(CancellationToken ct) =>
            Down ? throw new RegionSwitchException("the front door does not answer") : Task.FromResult(Layout());

        public Task<RegionLayout> SetOrderAsync(IReadOnlyList<string> order, CancellationToken ct)
        {
            Order = order;
            Changes++;
            return Task.FromResult(Layout());
        }

        private RegionLayout Layout() => new([.. Order.Select((name, index) => new RegionPlace(name, index + 1, null, "in_service"))], Order[0]);
    }
}

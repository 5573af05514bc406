using System.Globalization;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// <c>POST /api/drills/failover</c> on the local two-region topology (<see cref="LocalTopology"/>): both regions run their
/// inbox (so canaries are processed and marked with their region) and the in-memory Durable engine (so either can run
/// the drill); the drill moves the traffic through the front door's control route and sends its canaries through the
/// front door, every 100 ms.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FailoverDrillTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LocalTopology regions = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        http.Dispose();
        if (regions is not null)
        {
            await regions.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostFailover_BothRegionsHealthy_PassesWithRtoMeasuredNoCanaryLostAndTheOrderRestored()
    {
        await StartAsync();
        using var timeout = new CancellationTokenSource(Bound);
        var startedAt = TimeProvider.System.GetUtcNow();

        var drillId = await DrillRoute.StartAsync(http, regions.FrontDoorUrl, "failover", timeout.Token);
        var record = await DrillRoute.WaitUntilOverAsync(http, regions.Region1Url, drillId, timeout.Token);

        Assert.True(record.State == DrillState.Passed, DrillRoute.Describe(record));
        Assert.Equal("RegionOutageCompute", record.Scenario);
        Assert.Equal(
            [
                "check the preconditions", "check the webhook path through region-1 (before the switch)", "switch the primary to region-2",
                "check the webhook path through region-2 (the new primary)", "hold on region-2", "fail back to region-1",
                "check the webhook path through region-1 (after the fail-back)", "check where the traffic ended",
            ],
            record.Steps.Select(step => step.Name));
        Assert.InRange(record.Rto!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, record.Rpo);
        Assert.Equal("0", record.Facts["canaries_lost"]);
        Assert.True(int.Parse(record.Facts["canaries_sent"], CultureInfo.InvariantCulture) >= 10, record.Facts["canaries_sent"]);
        Assert.Equal(record.Facts["canaries_sent"], record.Facts["canaries_acknowledged"]);
        Assert.Contains("region-1: ", record.Facts["canaries_processed_by"], StringComparison.Ordinal);
        Assert.Contains("region-2: ", record.Facts["canaries_processed_by"], StringComparison.Ordinal);
        Assert.Equal("region-1,region-2", record.Facts[FailoverPreconditions.OriginalOrderFact]);
        Assert.Equal("region-1,region-2", record.Facts["order_after"]);
        Assert.Equal(["region-1", "region-2"], regions.Origins.Origins.Select(origin => origin.Id));
        Assert.Equal("region-1", regions.Origins.Route()?.Id);
        // The canaries measure the drill, not the availability: the SLA report's reader does not see them.
        var probeRuns = await regions.Region1.Services.GetRequiredService<ProbeRecordReader>().ReadAsync(startedAt.AddMinutes(-1), startedAt.AddMinutes(10), timeout.Token);
        Assert.Empty(probeRuns);
    }

    [Fact]
    public async Task PostFailover_SecondaryDownAtTheStart_IsRefusedWithTheReasonAndSwitchesNothing()
    {
        await StartAsync();
        using var timeout = new CancellationTokenSource(Bound);
        await regions.Region2.StopAsync();

        var drillId = await DrillRoute.StartAsync(http, regions.Region1Url, "failover", timeout.Token);
        var record = await DrillRoute.WaitUntilOverAsync(http, regions.Region1Url, drillId, timeout.Token);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.StartsWith("Refused, nothing switched: the secondary region-2 is", record.Error, StringComparison.Ordinal);
        Assert.Contains("healthy", record.Error, StringComparison.Ordinal);
        Assert.Equal(["check the preconditions"], record.Steps.Select(step => step.Name));
        Assert.False(record.Facts.ContainsKey(FailoverDrill.OrderSetFact));
        Assert.Equal(["region-1", "region-2"], regions.Origins.Origins.Select(origin => origin.Id));
    }

    [Fact]
    public async Task PostFailover_ReplicationLagOverTheThreshold_IsRefusedWithTheReasonAndSwitchesNothing()
    {
        await StartAsync(services => services.AddSingleton<IReplicationLag>(new FixedReplicationLag(TimeSpan.FromSeconds(90))));
        using var timeout = new CancellationTokenSource(Bound);

        var drillId = await DrillRoute.StartAsync(http, regions.Region1Url, "failover", timeout.Token);
        var record = await DrillRoute.WaitUntilOverAsync(http, regions.Region1Url, drillId, timeout.Token);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Equal("Refused, nothing switched: the replication lag is 90 s (a test's fixed lag), over Recovery:Failover:MaxReplicationLag 5 s.", record.Error);
        Assert.False(record.Facts.ContainsKey(FailoverDrill.OrderSetFact));
        Assert.Equal(["region-1", "region-2"], regions.Origins.Origins.Select(origin => origin.Id));
    }

    [Fact]
    public async Task PostFailover_PrimaryKilledWhileTheTrafficIsOnTheSecondary_FailsSayingTheTrafficStaysOnTheSecondary()
    {
        await StartAsync(hold: TimeSpan.FromSeconds(8));
        using var timeout = new CancellationTokenSource(Bound);

        // Run by region-2, which survives; region-1 dies during the hold on region-2, before the fail-back, once it has
        // processed what it acknowledged (what a region acknowledges and dies with waits in its inbox: the drill would
        // count it lost, as it is not processed within the hand-over wait).
        var drillId = await DrillRoute.StartAsync(http, regions.Region2Url, "failover", timeout.Token);
        await Eventually.HoldsAsync(() => regions.Origins.Route()?.Id == "region-2", Bound);
        var region1Inbox = new QueueClient(EmulatorEndpoints.StorageConnectionString, regions.Region1Settings["FrontDoor:InboxQueueName"]);
        await Eventually.HoldsAsync(async token => (await region1Inbox.GetPropertiesAsync(token)).Value.ApproximateMessagesCount == 0, Bound);
        await regions.Region1.StopAsync();
        var record = await DrillRoute.WaitUntilOverAsync(http, regions.Region2Url, drillId, timeout.Token);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains("failing back: No webhook sent to", record.Error, StringComparison.Ordinal);
        Assert.Contains("processed in region-1 within", record.Error, StringComparison.Ordinal);
        Assert.Contains(" processed in region-2", record.Error, StringComparison.Ordinal); // where its webhooks went instead
        Assert.Contains(
            "the order region-1, region-2 is restored, but the traffic is on region-2 because region-1 is not healthy; it goes back to region-1 by itself",
            record.Error, StringComparison.Ordinal);
        Assert.Equal("region-1,region-2", record.Facts["order_after"]);
        Assert.Equal("region-2", record.Facts["serving_after"]);
        Assert.NotNull(record.Rto);
        Assert.Equal("0", record.Facts["canaries_lost"]);
        Assert.Equal("region-2", regions.Origins.Route()?.Id);
    }

    [Fact]
    public async Task PostFailover_AfterADrillAbandonedOnTheSecondary_RestoresTheOrderRecordsItAbandonedAndRuns()
    {
        await StartAsync();
        using var timeout = new CancellationTokenSource(Bound);
        var services = regions.Region1.Services;
        var history = services.GetRequiredService<DrillHistory>();
        var now = TimeProvider.System.GetUtcNow();
        var abandonedId = DrillId.New(DrillKind.Failover, now.AddMinutes(-1));
        var objective = services.GetRequiredService<IOptions<RecoveryOptions>>().Value.ObjectiveOf("RegionOutageCompute");
        Assert.Null(await history.TryLockAsync(abandonedId, timeout.Token));
        await history.SaveAsync(
            new DrillRecord(abandonedId, DrillKind.Failover, "RegionOutageCompute", "test", now.AddMinutes(-1), objective,
                Facts: new Dictionary<string, string> { [FailoverPreconditions.OriginalOrderFact] = "region-1,region-2", [FailoverDrill.OrderSetFact] = "region-2,region-1" },
                RunsIn: "region-1"), // its orchestration ran in region-1's task hub, which no longer knows it (the host restarted)
            timeout.Token);
        regions.Origins.Reorder(["region-2", "region-1"]); // where its host left the traffic

        var drillId = await DrillRoute.StartAsync(http, regions.Region1Url, "failover", timeout.Token);
        var abandoned = await history.FindAsync(abandonedId, timeout.Token);

        Assert.Equal(DrillState.Abandoned, abandoned!.State);
        Assert.Contains("the regions' order was restored to region-1, region-2 (it was region-2, region-1)", abandoned.Error, StringComparison.Ordinal);
        var record = await DrillRoute.WaitUntilOverAsync(http, regions.Region1Url, drillId, timeout.Token);
        Assert.True(record.State == DrillState.Passed, DrillRoute.Describe(record));
        Assert.Equal("region-1,region-2", record.Facts[FailoverPreconditions.OriginalOrderFact]);
        Assert.Equal(["region-1", "region-2"], regions.Origins.Origins.Select(origin => origin.Id));
    }

    private async Task StartAsync(Action<IServiceCollection>? replaceInRegion1 = null, TimeSpan? hold = null)
    {
        var frontDoor = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        regions = await LocalTopology.StartAsync(
            LocalHostWorkers.Inbox | LocalHostWorkers.Exports,
            new Dictionary<string, string?>
            {
                ["Availability:PublicBaseUrl"] = frontDoor.AbsoluteUri,
                ["Availability:ProbeHandOverWithin"] = "00:00:15",
                ["Recovery:Failover:Switch"] = "Local",
                ["Recovery:Failover:FrontDoorControlUrl"] = new Uri(frontDoor, PriorityControlEndpoint.Path.TrimStart('/')).AbsoluteUri,
                ["Recovery:Failover:CanaryInterval"] = "00:00:00.100",
                ["Recovery:Failover:SwitchTimeout"] = "00:00:10",
                ["Recovery:Failover:HoldOnSecondary"] = (hold ?? TimeSpan.FromSeconds(1)).ToString("c", CultureInfo.InvariantCulture),
            },
            frontDoor,
            replaceInRegion1);
    }

    private sealed class FixedReplicationLag(TimeSpan lag) : IReplicationLag
    {
        public Task<ReplicationLagReading> ReadAsync(CancellationToken ct) => Task.FromResult(new ReplicationLagReading(lag, "a test's fixed lag"));
    }
}

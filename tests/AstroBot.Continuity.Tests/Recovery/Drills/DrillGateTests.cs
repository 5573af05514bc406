using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Tests.Backup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Recovery.Drills;

/// <summary>One drill at a time, never on production data unconfirmed, and an abandoned drill cleaned up after.</summary>
public sealed class DrillGateTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Enter_WhileAnotherDrillRuns_IsRefusedNamingIt()
    {
        await using var host = await new DrillHost(harness).StartAsync();
        var gate = host.Services.GetRequiredService<DrillGate>();
        var first = (await gate.EnterAsync(DrillKind.Restore, "test", (_, _) => Task.FromResult(true), CancellationToken.None)).Started!;

        var second = await gate.EnterAsync(DrillKind.Failover, "test", (_, _) => Task.FromResult(true), CancellationToken.None);

        Assert.Null(second.Started);
        Assert.Equal(first.DrillId, second.RunningDrillId);
        Assert.Contains("one drill runs at a time", second.Refused, StringComparison.Ordinal);
        Assert.Single(await host.History.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Enter_AfterADrillWhoseOrchestrationIsGone_AbandonsItDropsItsScratchDatabaseAndStarts()
    {
        await using var host = await new DrillHost(harness).StartAsync();
        var gate = host.Services.GetRequiredService<DrillGate>();
        var killed = (await gate.EnterAsync(DrillKind.Restore, "test", (_, _) => Task.FromResult(true), CancellationToken.None)).Started!;
        var scratch = host.ScratchPrefix + killed.DrillId;
        await harness.Database.Client.CreateDatabaseAsync(scratch);
        await host.Services.GetRequiredService<DrillRecorder>().NoteAsync(killed.DrillId, new Dictionary<string, string> { [DrillFacts.ScratchDatabase] = scratch }, CancellationToken.None);

        var next = await gate.EnterAsync(DrillKind.Restore, "test", (_, _) => Task.FromResult(false), CancellationToken.None);

        Assert.NotNull(next.Started);
        var abandoned = (await host.History.FindAsync(killed.DrillId, CancellationToken.None))!;
        Assert.Equal(DrillState.Abandoned, abandoned.State);
        Assert.Contains($"its scratch database {scratch} was dropped", abandoned.Error, StringComparison.Ordinal);
        Assert.False(await host.ScratchDatabaseLeftAsync());
    }

    [Fact]
    public async Task Enter_InTheOtherRegion_NeverTakesItsDrillForGoneThoughItsOwnTaskHubDoesNotKnowIt()
    {
        await using var host = await new DrillHost(harness).StartAsync();
        var first = (await host.Services.GetRequiredService<DrillGate>().EnterAsync(DrillKind.Failover, "test", (_, _) => Task.FromResult(true), CancellationToken.None)).Started!;
        var otherRegion = ActivatorUtilities.CreateInstance<DrillGate>(
            host.Services, Options.Create(new AstroBot.Continuity.Availability.Probe.ProbeOptions { Region = "region-2" }));

        var second = await otherRegion.EnterAsync(DrillKind.Restore, "test", (_, _) => Task.FromResult(false), CancellationToken.None);

        Assert.Equal(first.DrillId, second.RunningDrillId);
        Assert.Equal(DrillState.Running, (await host.History.FindAsync(first.DrillId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Enter_LockHeldPastTheDrillTimeout_TakesItOverEvenWhenNothingCanTellWhetherItRuns()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await new DrillHost(harness).StartAsync(new Dictionary<string, string?> { ["Recovery:DrillTimeout"] = "00:10:00" });
        var gate = ActivatorUtilities.CreateInstance<DrillGate>(host.Services, time);
        var stale = (await gate.EnterAsync(DrillKind.Restore, "cli", null, CancellationToken.None)).Started!;
        Assert.Null((await gate.EnterAsync(DrillKind.Restore, "cli", null, CancellationToken.None)).Started); // within the timeout: refused

        time.Advance(TimeSpan.FromMinutes(11));
        var next = await gate.EnterAsync(DrillKind.Restore, "cli", null, CancellationToken.None);

        Assert.NotNull(next.Started);
        Assert.Equal(DrillState.Abandoned, (await host.History.FindAsync(stale.DrillId, CancellationToken.None))!.State);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Enter_OnProductionData_NeedsTheConfirmation(string confirmed, bool starts)
    {
        await using var host = await new DrillHost(harness).StartAsync(new Dictionary<string, string?>
        {
            ["Recovery:ProductionData"] = "true",
            ["Recovery:ConfirmDrillsOnProductionData"] = confirmed,
        });

        var result = await host.Services.GetRequiredService<DrillGate>().EnterAsync(DrillKind.Restore, "test", null, CancellationToken.None);

        Assert.Equal(starts, result.Started is not null);
        Assert.Equal(starts, result.Refused is null);
        Assert.Equal(starts ? 1 : 0, (await host.History.ListAsync(CancellationToken.None)).Count);
        if (!starts)
        {
            Assert.Contains("Recovery:ConfirmDrillsOnProductionData", result.Refused, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Recovery:Objectives:DataCorruption:Rto", "00:00:00")]
    [InlineData("Recovery:Objectives:KekLost:Rpo", "-00:01:00")]
    public void Options_ObjectiveOutOfRange_FailsNamingIt(string key, string value)
    {
        var services = harness.Services(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecoveryOptions>>().Value);

        Assert.Contains(key[..key.LastIndexOf(':')], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OneObjectiveSet_KeepsTheOtherScenariosDefaults()
    {
        var options = harness.Services(new Dictionary<string, string?> { ["Recovery:Objectives:KekLost:Rto"] = "02:00:00" })
            .GetRequiredService<IOptions<RecoveryOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(2), options.ObjectiveOf("KekLost").Rto);
        Assert.Equal(TimeSpan.Zero, options.ObjectiveOf("KekLost").Rpo);
        Assert.Equal(TimeSpan.FromHours(4), options.ObjectiveOf("DataCorruption").Rto);
        Assert.Equal(9, options.Objectives.Count);
        Assert.Throws<ArgumentException>(() => options.ObjectiveOf("Meteor"));
    }
}

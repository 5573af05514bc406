using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using AstroBot.Continuity.Tests.Recovery.Drills;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands.Drills;

/// <summary><c>continuity drill list|show</c> over a drill history in Azurite, in a world of its own (its drill table).</summary>
public sealed class DrillCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public async Task InitializeAsync()
    {
        await new TableServiceClient(EmulatorEndpoints.StorageConnectionString).CreateTableIfNotExistsAsync(cli.Settings["Recovery:DrillTableName"]);
        await using var services = cli.BuildServices();
        var history = services.GetRequiredService<DrillHistory>();
        await history.SaveAsync(DrillRecords.Passed(), CancellationToken.None);
        await history.SaveAsync(DrillRecords.Failed(DrillRecords.Start.AddDays(1)), CancellationToken.None);
    }

    public async Task DisposeAsync() => await cli.DisposeAsync();

    [Fact]
    public async Task List_TwoDrills_ShowsThemNewestFirstWithMeasuresAgainstObjectives()
    {
        var run = await cli.InvokeAsync("drill", "list");

        run.AssertExitCode(0);
        Assert.Matches(@"20261202T060000Z-drill-restore-0000000f\s+│\s+restore\s+│\s+failed\s+│\s+2026-12-02 06:00:00Z\s+│\s+- / 04:00:00\s+│\s+- / 00:05:00\s+│\s+ops <b>", run.Out);
        Assert.Matches(@"20261201T060000Z-drill-restore-0000000a\s+│\s+restore\s+│\s+passed\s+│\s+2026-12-01 06:00:00Z\s+│\s+00:00:12 / 04:00:00\s+│\s+00:00:03 / 00:05:00\s+│\s+schedule", run.Out);
        Assert.True(run.Out.IndexOf("0000000f", StringComparison.Ordinal) < run.Out.IndexOf("0000000a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_APassedDrill_ShowsItsStepsFactsAndMeasuresAndExitsZero()
    {
        var run = await cli.InvokeAsync("drill", "show", DrillRecords.Passed().DrillId);

        run.AssertExitCode(0);
        Assert.Matches(@"restore the newest backup chain\s+│\s+00:00:02\s+│\s+00:00:07\s+│\s+ok\s+│\s+12 items written", run.Out);
        Assert.Matches(@"scratch_database\s+│\s+scratch-x", run.Out);
        Assert.Contains("RTO 00:00:12 against 04:00:00 (met), RPO 00:00:03 against 00:05:00 (met); took 00:00:12.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_AFailedDrillAsJson_IsItsReportAndExitsOne()
    {
        var run = await cli.InvokeAsync("drill", "show", DrillRecords.Failed(DrillRecords.Start.AddDays(1)).DrillId, "--json");

        run.AssertExitCode(1);
        var report = run.Json();
        Assert.Equal("failed", report.GetProperty("drill").GetProperty("state").GetString());
        Assert.False(report.GetProperty("timeline")[1].GetProperty("succeeded").GetBoolean());
        Assert.Equal(JsonValueKindNull, report.GetProperty("rto").GetProperty("met").ValueKind);
        Snapshot.Matches("drill-show.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Show_AnUnknownDrill_ExitsOneSayingSo()
    {
        var run = await cli.InvokeAsync("drill", "show", "20261202T000000Z-drill-restore-00000000");

        run.AssertExitCode(1);
        Assert.Contains("There is no drill '20261202T000000Z-drill-restore-00000000'", run.Error, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

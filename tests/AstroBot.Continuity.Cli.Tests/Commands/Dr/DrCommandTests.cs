using AstroBot.Continuity.Cli.Tests.Docs;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using AstroBot.Continuity.Tests.Recovery.Drills;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Cli.Tests.Commands.Dr;

/// <summary><c>continuity dr status|runbooks</c> over a drill history in Azurite, in a world of its own (its drill table).</summary>
public sealed class DrCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new() { Time = new FakeTimeProvider(DrillRecords.Start.AddDays(10)) };
    private readonly DirectoryInfo docs = Directory.CreateTempSubdirectory("dr-runbooks-");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        docs.Delete(recursive: true);
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Status_APassedRestoreDrillAndAFailoverNeverRun_ShowsBothAndExitsOne()
    {
        await SaveAsync(DrillRecords.Passed());

        var run = await cli.InvokeAsync("dr", "status");

        run.AssertExitCode(1); // the failover drill never ran: overdue
        Assert.Matches(@"DataCorruption\s+│\s+restore\s+│\s+2026-12-01 20261201T060000Z-drill-restore-0000000a\s+│\s+00:00:12 / 04:00:00\s+│\s+00:00:03 / 00:05:00\s+│\s+2027-01-01 06:00:00Z\s+│\s+ok", run.Out);
        Assert.Matches(@"RegionOutageCompute\s+│\s+failover\s+│\s+-\s+.*never drilled, OVERDUE", run.Out);
        Assert.Matches(@"KekLost\s+│\s+no drill\s+│", run.Out);
        Assert.Contains("A drill needs attention", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_SaysWhichScenarioIsNotHealthy()
    {
        await SaveAsync(DrillRecords.Failed());

        var run = await cli.InvokeAsync("dr", "status", "--json");

        run.AssertExitCode(1);
        var status = run.Json();
        Assert.False(status.GetProperty("healthy").GetBoolean());
        var scenario = status.GetProperty("scenarios").EnumerateArray().Single(item => item.GetProperty("scenario").GetString() == "DataCorruption");
        Assert.Equal("failed", scenario.GetProperty("last_drill").GetProperty("state").GetString());
        Assert.Equal("failed", scenario.GetProperty("verdict").GetString());
        Assert.False(scenario.GetProperty("healthy").GetBoolean());
        Snapshot.Matches("dr-status.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Runbooks_OnACopyOfThePlan_WritesEachLastDrilledLineAndTheTable()
    {
        await SaveAsync(DrillRecords.Passed());
        foreach (var file in Directory.GetFiles(Path.Combine(DocumentedProcedures.RepositoryRoot(), "docs", "dr"), "*.md"))
        {
            File.Copy(file, Path.Combine(docs.FullName, Path.GetFileName(file)));
        }

        var run = await cli.InvokeAsync("dr", "runbooks", "--docs", docs.FullName);

        run.AssertExitCode(0);
        var corruption = File.ReadAllText(Path.Combine(docs.FullName, "data-corruption.md"));
        Assert.Contains(
            "**Last drilled:** 2026-12-01 (restore drill 20261201T060000Z-drill-restore-0000000a, passed: RTO 00:00:12 against 04:00:00, RPO 00:00:03 against 00:05:00). Objective: `DataCorruption`",
            corruption,
            StringComparison.Ordinal);
        Assert.Contains("**Last drilled:** never (no drill covers this scenario). Objective: `KekLost`", File.ReadAllText(Path.Combine(docs.FullName, "kek-lost.md")), StringComparison.Ordinal);
        Assert.Contains(
            "**Last drilled:** never (the failover drill covers `RegionOutageCompute` but has not run yet); no drill covers `RegionOutageCosmos`, `RegionOutageStorage`. Phase A's switch",
            File.ReadAllText(Path.Combine(docs.FullName, "region-outage.md")),
            StringComparison.Ordinal);
        Assert.Contains("| `DataCorruption` | 2026-12-01, passed |", File.ReadAllText(Path.Combine(docs.FullName, "README.md")), StringComparison.Ordinal);
        Assert.Contains("data-corruption.md", run.Out, StringComparison.Ordinal);

        var again = await cli.InvokeAsync("dr", "runbooks", "--docs", docs.FullName, "--json");

        again.AssertExitCode(0);
        Assert.All(again.Json().EnumerateArray(), update => Assert.False(update.GetProperty("changed").GetBoolean()));
        Assert.Equal(corruption, File.ReadAllText(Path.Combine(docs.FullName, "data-corruption.md")));
    }

    [Fact]
    public async Task Runbooks_NoPlanInTheFolder_ExitsTwo()
    {
        var run = await cli.InvokeAsync("dr", "runbooks", "--docs", docs.FullName);

        run.AssertExitCode(2);
        Assert.Contains("No disaster-recovery plan at", run.Error, StringComparison.Ordinal);
    }

    private async Task SaveAsync(DrillRecord drill)
    {
        await new TableServiceClient(EmulatorEndpoints.StorageConnectionString).CreateTableIfNotExistsAsync(cli.Settings["Recovery:DrillTableName"]);
        await using var services = cli.BuildServices();
        await services.GetRequiredService<DrillHistory>().SaveAsync(drill, CancellationToken.None);
    }
}

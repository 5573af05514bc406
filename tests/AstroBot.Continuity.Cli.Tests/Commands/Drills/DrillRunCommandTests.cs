using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands.Drills;

/// <summary>
/// <c>continuity drill run</c> without <c>--host</c>: the manual path when the automation is down, the restore drill on
/// the in-memory Durable engine of this process, against the emulators, in a world of its own.
/// </summary>
public sealed class DrillRunCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await cli.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task RunRestore_InThisProcessAfterABackup_PassesRecordsItAndExitsZero()
    {
        await cli.SeedAsync();
        await cli.BackupAsync("--full");

        var run = await cli.InvokeAsync("drill", "run", "restore", "--by", "oncall");

        run.AssertExitCode(0);
        Assert.Contains("Running the restore drill in this process (started by oncall)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"restore drill [0-9]{8}T[0-9]{6}Z-drill-restore-[0-9a-f]{8} passed: RTO ", run.Out);
        var list = await cli.InvokeAsync("drill", "list", "--json");
        var drill = Assert.Single(list.Json().EnumerateArray());
        Assert.Equal("passed", drill.GetProperty("state").GetString());
        Assert.Equal("oncall", drill.GetProperty("started_by").GetString());
        Assert.Equal("restore the newest backup chain", drill.GetProperty("steps")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task RunRestore_NoBackupToDrillOn_FailsRecordsWhyAndExitsOne()
    {
        var run = await cli.InvokeAsync("drill", "run", "restore", "--json");

        run.AssertExitCode(1);
        var result = run.Json();
        Assert.Equal("failed", result.GetProperty("report").GetProperty("drill").GetProperty("state").GetString());
        Assert.Contains("has no committed full backup", result.GetProperty("report").GetProperty("drill").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("status_url").ValueKind);
    }

    [Fact]
    public async Task RunRestore_WhileAnotherDrillHoldsTheLock_IsRefusedWithExitFour()
    {
        await using (var services = cli.BuildServices())
        {
            var history = services.GetRequiredService<DrillHistory>();
            var holder = new DrillRecord("20261202T060000Z-drill-restore-0000beef", DrillKind.Restore, "DataCorruption", "schedule", DateTimeOffset.UtcNow, new() { Rto = TimeSpan.FromHours(4), Rpo = TimeSpan.FromMinutes(5) });
            Assert.Null(await history.TryLockAsync(holder.DrillId, CancellationToken.None));
            await history.SaveAsync(holder, CancellationToken.None);
        }

        // The CLI cannot tell whether the holder's host still runs it: within Recovery:DrillTimeout it is taken as running.
        var run = await cli.InvokeAsync("drill", "run", "restore");

        run.AssertExitCode(4);
        Assert.Contains("drill 20261202T060000Z-drill-restore-0000beef is under way", run.Error, StringComparison.Ordinal);
    }
}

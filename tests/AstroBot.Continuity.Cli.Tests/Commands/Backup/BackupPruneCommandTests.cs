namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public sealed class BackupPruneCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    public async Task Invoke_DryRunJson_KeepsTheOnlyBackupSayingWhy()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "prune", "--dry-run", "--json");

        run.AssertExitCode(0);
        var report = run.Json();
        Assert.True(report.GetProperty("dry_run").GetBoolean());
        Assert.Empty(report.GetProperty("pruned").EnumerateArray());
        var kept = Assert.Single(report.GetProperty("kept").EnumerateArray());
        Assert.Equal(backupId, kept.GetProperty("backup_id").GetString());
        Assert.Contains("newest usable full", kept.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Snapshot.Matches("backup-prune.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_DryRun_ListsEachBackupWithItsDecision()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "prune", "--dry-run");

        run.AssertExitCode(0);
        Assert.Contains(backupId, run.Out, StringComparison.Ordinal);
        Assert.Contains("kept", run.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: 0 would prune", run.Out, StringComparison.Ordinal);
    }
}

namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public sealed class BackupListCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    public async Task Invoke_JsonAfterOneRun_ShowsOneCommittedBackup()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "list", "--json");

        run.AssertExitCode(0);
        var entry = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(backupId, entry.GetProperty("backup_id").GetString());
        Assert.Equal("full", entry.GetProperty("kind").GetString());
        Assert.Equal("committed", entry.GetProperty("state").GetString());
        Assert.Equal(cli.SeededItems, entry.GetProperty("item_count").GetInt64());
        Snapshot.Matches("backup-list.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_AfterOneRun_TableShowsTheBackup()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "list");

        run.AssertExitCode(0);
        Assert.Contains(backupId, run.Out, StringComparison.Ordinal);
        Assert.Contains("committed", run.Out, StringComparison.Ordinal);
        Assert.Contains("restore test", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NoBackupsYet_PrintsAnEmptyArray()
    {
        var run = await cli.InvokeAsync("backup", "list", "--json");

        run.AssertExitCode(0);
        Assert.Empty(run.Json().EnumerateArray());
    }
}

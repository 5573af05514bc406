namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public sealed class BackupRunCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    public async Task Invoke_Default_CommitsAFullBackupAndSaysSo()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("backup", "run");

        run.AssertExitCode(0);
        Assert.Matches(@"Backup \d{8}T\d{6}Z-full-[0-9a-f]{8} committed: " + cli.SeededItems + " items", run.Out);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("backup", "run", "--full", "--json");

        run.AssertExitCode(0);
        Assert.Equal("committed", run.Json().GetProperty("outcome").GetString());
        Assert.Equal(cli.SeededItems, run.Json().GetProperty("entry").GetProperty("item_count").GetInt64());
        Snapshot.Matches("backup-run.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_IncrementalWithoutAFullBackup_IsSkippedSayingWhy()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("backup", "run", "--incremental");

        run.AssertExitCode(0);
        Assert.Contains("Skipped", run.Out, StringComparison.Ordinal);
        Assert.Contains("No full backup", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_IncrementalAfterAFull_CommitsAnIncremental()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "run", "--incremental", "--json");

        run.AssertExitCode(0);
        Assert.Contains("-incr-", run.Json().GetProperty("entry").GetProperty("backup_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FullAndIncremental_ExitsTwoSayingChooseOne()
    {
        var run = await cli.InvokeAsync("backup", "run", "--full", "--incremental");

        run.AssertExitCode(2);
        Assert.Contains("--full and --incremental cannot be combined", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutAKeyEncryptionKey_ExitsTwoNamingTheSettings()
    {
        cli.Settings["Crypto:Kek"] = "";
        cli.Settings["Crypto:KekFile"] = "";

        var run = await cli.InvokeAsync("backup", "run");

        run.AssertExitCode(2);
        Assert.Contains("No key-encryption key is configured", run.Error, StringComparison.Ordinal);
        Assert.Contains("Crypto:KekFile", run.Error, StringComparison.Ordinal);
    }
}

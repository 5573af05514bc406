namespace AstroBot.Continuity.Cli.Tests.Commands.Restore;

public sealed class RestoreCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_LatestToANewDatabase_RestoresEverySeededItem()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();
        var target = cli.NewDatabaseName("restored");

        var run = await cli.InvokeAsync("restore", "latest", "--to-database", target);

        run.AssertExitCode(0);
        Assert.Equal(cli.SeededItems, await cli.CountItemsAsync(target));
        Assert.Contains(target, run.Out, StringComparison.Ordinal);
        Assert.Contains(backupId, run.Out, StringComparison.Ordinal);
        Assert.Contains("consistent as of", run.Out, StringComparison.Ordinal);
        Assert.Matches("rerun with --restore-id restore-[0-9TZ]+-[0-9a-f]{8} to resume", run.Out);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_Json_PrintsTheOutcomeInItsDocumentedShape()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();
        var target = cli.NewDatabaseName("restored");

        var run = await cli.InvokeAsync("restore", backupId, "--to-database", target, "--json");

        run.AssertExitCode(0);
        var outcome = run.Json();
        Assert.Equal(target, outcome.GetProperty("target_database").GetString());
        Assert.Equal(cli.SeededItems, outcome.GetProperty("items_written").GetInt64());
        Snapshot.Matches("restore.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_IntoTheLiveDatabaseWithoutForce_ExitsOneSayingForce()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();

        var run = await cli.InvokeAsync("restore", "latest", "--to-database", cli.Database);

        run.AssertExitCode(1);
        Assert.Contains("Restore refused", run.Error, StringComparison.Ordinal);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_AgainWithTheSameRestoreId_ResumesIntoTheSameDatabase()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();
        var target = cli.NewDatabaseName("restored");
        (await cli.InvokeAsync("restore", "--to-database", target, "--restore-id", "drill-1")).AssertExitCode(0);

        var run = await cli.InvokeAsync("restore", "--restore-id", "drill-1", "--json");

        run.AssertExitCode(0);
        Assert.Equal(target, run.Json().GetProperty("target_database").GetString());
        // Nothing written again: the outcome is the whole restore's, as its record holds it.
        Assert.Equal(cli.SeededItems, run.Json().GetProperty("items_written").GetInt64());
        Assert.Equal(cli.SeededItems, await cli.CountItemsAsync(target));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_SameRestoreIdIntoAnotherDatabase_ExitsOneNamingTheFirst()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();
        var target = cli.NewDatabaseName("restored");
        (await cli.InvokeAsync("restore", "--to-database", target, "--restore-id", "drill-2")).AssertExitCode(0);

        var run = await cli.InvokeAsync("restore", "--restore-id", "drill-2", "--to-database", cli.NewDatabaseName("other"));

        run.AssertExitCode(1);
        Assert.Contains($"--to-database {target}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutAnyBackup_ExitsOneSayingSo()
    {
        var run = await cli.InvokeAsync("restore", "--to-database", cli.NewDatabaseName("restored"));

        run.AssertExitCode(1);
        Assert.Contains("has no committed backup yet", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutAKeyEncryptionKey_ExitsTwo()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();
        cli.Settings["Crypto:Kek"] = "";
        cli.Settings["Crypto:KekFile"] = "";

        var run = await cli.InvokeAsync("restore", "--to-database", cli.NewDatabaseName("restored"));

        run.AssertExitCode(2);
        Assert.Contains("No key-encryption key is configured", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UserNobodyMatches_ExitsOneAndRestoresNothing()
    {
        var target = cli.NewDatabaseName("restored");

        var run = await cli.InvokeAsync("restore", "--user", "bsuid:US.32199999999999999999", "--to-database", target);

        run.AssertExitCode(1);
        Assert.Contains("Restore refused: Nobody matches 'bsuid:US.32199999999999999999'", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out); // refused before a restore id was even given
    }

    [Theory]
    [InlineData("--at", "not-a-time", "--at takes an ISO 8601 time")]
    [InlineData("--at", "11/27/2026", "--at takes an ISO 8601 time")]
    [InlineData("--container", "horoscopes", "'horoscopes' is not a container of the bot's data")]
    [InlineData("--user", "+1 555 0100", "--user takes a user key or any identifier")]
    [InlineData("--restore-id", "a/b", "--restore-id takes")]
    public async Task Invoke_BadOption_ExitsTwoSayingWhatIsWrong(string option, string value, string expected)
    {
        var run = await cli.InvokeAsync("restore", option, value);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }
}

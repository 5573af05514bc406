namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public sealed class BackupTestRestoreCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_AfterAFullBackup_PassesContainerByContainer()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "test-restore");

        run.AssertExitCode(0);
        Assert.Contains($"Restore test of backup {backupId} passed: {cli.SeededItems} items", run.Out, StringComparison.Ordinal);
        Assert.Contains("accounts", run.Out, StringComparison.Ordinal);
        Assert.Contains("matches", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_Json_ReportsInItsDocumentedShape()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "test-restore", "--json");

        run.AssertExitCode(0);
        Assert.True(run.Json().GetProperty("passed").GetBoolean());
        Snapshot.Matches("backup-test-restore.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_WithoutAFullBackup_ExitsOne()
    {
        var run = await cli.InvokeAsync("backup", "test-restore");

        run.AssertExitCode(1);
        Assert.Contains("has no committed full backup to test", run.Error, StringComparison.Ordinal);
    }
}

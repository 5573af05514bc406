namespace AstroBot.Continuity.Cli.Tests.Commands;

public sealed class StatusCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    public async Task Invoke_BeforeAnyVerifiedBackup_ExitsOneNamingTheProblems()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();

        var run = await cli.InvokeAsync("status");

        run.AssertExitCode(1);
        Assert.Contains("there is no verified full backup yet", run.Out, StringComparison.Ordinal);
        Assert.Contains("there is no incremental backup yet", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Invoke_AfterAFullDeepVerifyAndAnIncremental_ExitsZero()
    {
        await cli.SeedAsync();
        await cli.BackupAsync("--full");
        (await cli.InvokeAsync("backup", "verify", "--deep")).AssertExitCode(0);
        await cli.BackupAsync("--incremental");

        var run = await cli.InvokeAsync("status", "--json");

        run.AssertExitCode(0);
        Assert.True(run.Json().GetProperty("is_healthy").GetBoolean());
        Snapshot.Matches("status.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }
}

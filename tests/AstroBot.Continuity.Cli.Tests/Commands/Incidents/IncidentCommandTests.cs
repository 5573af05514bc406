namespace AstroBot.Continuity.Cli.Tests.Commands.Incidents;

/// <summary><c>continuity incident open|resolve|status</c> against Azurite, in a world of its own (its incidents table).</summary>
public sealed class IncidentCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await cli.DisposeAsync();

    [Theory]
    [InlineData("", "--message: The message is empty")]
    [InlineData("   ", "--message: The message is only blanks")]
    public async Task Open_AnEmptyMessage_ExitsTwoBeforeTouchingStorage(string message, string expected)
    {
        var run = await cli.InvokeAsync("incident", "open", "--message", message);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AMessageTooLong_ExitsTwoAndStoresNothing()
    {
        var run = await cli.InvokeAsync("incident", "open", "--message", new string('x', 1001));

        run.AssertExitCode(2);
        Assert.Contains("an incident's public text holds 1000 at most", run.Error, StringComparison.Ordinal);
        var status = await cli.InvokeAsync("incident", "status", "--json");
        Assert.Equal("none", status.Json().GetProperty("state").GetString());
    }

    [Fact]
    public async Task Resolve_NoneOpen_SaysSoAndExitsZero()
    {
        var run = await cli.InvokeAsync("incident", "resolve");

        run.AssertExitCode(0);
        Assert.Contains("No incident is open: nothing to resolve.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenStatusResolve_AnIncident_OpensShowsAndResolvesIt()
    {
        var open = await cli.InvokeAsync("incident", "open", "--message", "Replies are delayed [eu].", "--by", "ops");
        open.AssertExitCode(0);
        Assert.Matches("^Incident [0-9]{8}T[0-9]{6}Z-[0-9a-f]{8} opened\\.", open.Out);

        var update = await cli.InvokeAsync("incident", "open", "--message", "Replies are delayed; we found why.");
        update.AssertExitCode(0);
        Assert.Contains("updated: its message changed", update.Out, StringComparison.Ordinal);

        var status = await cli.InvokeAsync("incident", "status");
        status.AssertExitCode(0);
        Assert.Contains(": open since ", status.Out, StringComparison.Ordinal);
        Assert.Contains("opened by ops", status.Out, StringComparison.Ordinal);
        Assert.Contains("Message: Replies are delayed; we found why.", status.Out, StringComparison.Ordinal);

        var resolve = await cli.InvokeAsync("incident", "resolve", "--message", "A storage outage.", "--by", "oncall");
        resolve.AssertExitCode(0);
        Assert.Contains(" resolved at ", resolve.Out, StringComparison.Ordinal);

        var after = await cli.InvokeAsync("incident", "status");
        Assert.Contains("resolved at", after.Out, StringComparison.Ordinal);
        Assert.Contains("by oncall", after.Out, StringComparison.Ordinal);
        Assert.Contains("Resolution: A storage outage.", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_PrintsTheIncidentInItsDocumentedShape()
    {
        (await cli.InvokeAsync("incident", "open", "--message", "Replies are delayed.", "--by", "ops")).AssertExitCode(0);

        var run = await cli.InvokeAsync("incident", "status", "--json");

        run.AssertExitCode(0);
        var status = run.Json();
        Assert.Equal("open", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("open").GetBoolean());
        Assert.Equal("operator", status.GetProperty("incident").GetProperty("source").GetString());
        Assert.Equal("ops", status.GetProperty("incident").GetProperty("opened_by").GetString());
        Assert.Equal(0, status.GetProperty("users_wrote").GetInt64());
        Snapshot.Matches("incident-status.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Status_NoIncidentEver_SaysSo()
    {
        var run = await cli.InvokeAsync("incident", "status");

        run.AssertExitCode(0);
        Assert.Contains("No incident was ever opened.", run.Out, StringComparison.Ordinal);
    }
}

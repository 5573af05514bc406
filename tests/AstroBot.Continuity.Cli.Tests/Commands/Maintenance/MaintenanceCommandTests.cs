using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Cli.Tests.Commands.Maintenance;

/// <summary><c>continuity maintenance start|stop|status</c> against Azurite, in a world of its own (ledger table, inbox and held queue).</summary>
public sealed class MaintenanceCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private readonly string inbox = EmulatorEndpoints.UniqueName("inbox");

    public Task InitializeAsync()
    {
        cli.Settings["FrontDoor:InboxQueueName"] = inbox;
        cli.Settings["FrontDoor:PoisonQueueName"] = inbox + "-poison";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await new QueueClient(EmulatorEndpoints.StorageConnectionString, inbox + "-held").DeleteIfExistsAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Start_AnEndInThePast_ExitsTwoSayingSoAndStoresNothing()
    {
        var run = await cli.InvokeAsync("maintenance", "start", "--until", "2020-01-01T00:00:00Z", "--message", "Back soon.");

        run.AssertExitCode(2);
        Assert.Contains("Not started: The end 2020-01-01T00:00:00+00:00 is not in the future", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        var status = await cli.InvokeAsync("maintenance", "status", "--json");
        status.AssertExitCode(0);
        Assert.Equal("none", status.Json().GetProperty("state").GetString());
    }

    [Fact]
    public async Task Start_MoreThanSevenDaysAhead_ExitsTwo()
    {
        var run = await cli.InvokeAsync("maintenance", "start", "--until", "8d", "--message", "Back soon.");

        run.AssertExitCode(2);
        Assert.Contains("more than 7 days ahead (Maintenance:MaxWindow)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--until", "soon", "--message", "Back soon.", "--until takes an ISO 8601 time")]
    [InlineData("--until", "2027-01-15T10:00:00", "--message", "Back soon.", "--until takes an ISO 8601 time")]
    [InlineData("--until", "2h", "--message", "", "--message: The message is empty")]
    [InlineData("--until", "2h", "--message", "  ", "--message: The message is only blanks")]
    public async Task Start_BadInput_ExitsTwoBeforeTouchingStorage(string untilOption, string until, string messageOption, string message, string expected)
    {
        var run = await cli.InvokeAsync("maintenance", "start", untilOption, until, messageOption, message);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AMessageLongerThanAWhatsAppText_ExitsTwo()
    {
        var run = await cli.InvokeAsync("maintenance", "start", "--until", "2h", "--message", new string('x', 4097));

        run.AssertExitCode(2);
        Assert.Contains("a WhatsApp text holds 4096 at most", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartStatusStop_AWindow_StartsShowsAndStopsIt()
    {
        var start = await cli.InvokeAsync("maintenance", "start", "--until", "2h", "--message", "Back at [10:00] UTC.", "--by", "ops");
        start.AssertExitCode(0);
        Assert.Matches("^Maintenance window [0-9]{8}T[0-9]{6}Z-[0-9a-f]{8} started: users' messages are held until ", start.Out);

        var status = await cli.InvokeAsync("maintenance", "status");
        status.AssertExitCode(0);
        Assert.Contains(": active until ", status.Out, StringComparison.Ordinal);
        Assert.Contains("Notice: Back at [10:00] UTC.", status.Out, StringComparison.Ordinal);
        Assert.Contains($"Held in this region ({inbox}-held): 0 webhooks.", status.Out, StringComparison.Ordinal);

        var stop = await cli.InvokeAsync("maintenance", "stop", "--by", "oncall");
        stop.AssertExitCode(0);
        Assert.Contains(" stopped at ", stop.Out, StringComparison.Ordinal);

        var after = await cli.InvokeAsync("maintenance", "status");
        Assert.Contains("stopped at", after.Out, StringComparison.Ordinal);
        Assert.Contains("by oncall", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_NothingActive_SaysSoAndExitsZero()
    {
        var run = await cli.InvokeAsync("maintenance", "stop");

        run.AssertExitCode(0);
        Assert.Contains("No maintenance window is active: nothing to stop.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoWindowEver_SaysSo()
    {
        var run = await cli.InvokeAsync("maintenance", "status");

        run.AssertExitCode(0);
        Assert.Contains("No maintenance window was ever started.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_PrintsTheWindowInItsDocumentedShape()
    {
        (await cli.InvokeAsync("maintenance", "start", "--until", "30m", "--message", "Back soon.", "--by", "ops")).AssertExitCode(0);

        var run = await cli.InvokeAsync("maintenance", "status", "--json");

        run.AssertExitCode(0);
        var status = run.Json();
        Assert.Equal("active", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("active").GetBoolean());
        Assert.Equal("ops", status.GetProperty("window").GetProperty("started_by").GetString());
        Assert.Equal(0, status.GetProperty("notices_sent").GetInt64());
        Assert.Equal(inbox + "-held", status.GetProperty("held_queue").GetString());
        Snapshot.Matches("maintenance-status.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Start_Json_PrintsTheStatus()
    {
        var run = await cli.InvokeAsync("maintenance", "start", "--until", "30m", "--message", "Back soon.", "--json");

        run.AssertExitCode(0);
        Assert.Equal("active", run.Json().GetProperty("state").GetString());
    }
}

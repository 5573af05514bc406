namespace AstroBot.Continuity.Cli.Tests.Commands.Inbox;

public sealed class InboxStatusCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private InboxQueues queues = null!;

    public Task InitializeAsync()
    {
        queues = new InboxQueues(cli);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await queues.DeleteAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_NothingPoisoned_ShowsEachQueueAndExitsZero()
    {
        await queues.Client(queues.Inbox).CreateIfNotExistsAsync();
        await queues.Client(queues.Inbox).SendMessageAsync("waiting");

        var run = await cli.InvokeAsync("inbox", "status");

        run.AssertExitCode(0);
        Assert.Matches($@"inbox\s+│\s+{queues.Inbox}\s+│\s+1\s+│\s+{queues.Inbox}-poison\s+│\s+none yet", run.Out);
        Assert.Matches($@"exports\s+│\s+{queues.Exports}\s+│\s+none yet", run.Out);
        Assert.Contains("No poisoned messages.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_PoisonedMessages_SaysHowToRedriveAndExitsOne()
    {
        await queues.PoisonAsync(queues.Bot, 2);

        var run = await cli.InvokeAsync("inbox", "status");

        run.AssertExitCode(1);
        Assert.Contains($"Poisoned: 2 messages in {queues.Bot}-poison.", run.Out, StringComparison.Ordinal);
        Assert.Contains("continuity inbox redrive --queue bot", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheQueuesInTheirDocumentedShape()
    {
        await queues.PoisonAsync(queues.Inbox, 3);

        var run = await cli.InvokeAsync("inbox", "status", "--json");

        run.AssertExitCode(1);
        var status = run.Json();
        Assert.Equal(3, status.GetProperty("poisoned_messages").GetInt64());
        var inbox = status.GetProperty("queues")[0];
        Assert.Equal("inbox", inbox.GetProperty("alias").GetString());
        Assert.Equal(3, inbox.GetProperty("poison").GetProperty("approximate_messages").GetInt64());
        Snapshot.Matches("inbox-status.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }
}

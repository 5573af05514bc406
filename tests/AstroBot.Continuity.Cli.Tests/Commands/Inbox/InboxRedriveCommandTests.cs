using AstroBot.Continuity.Tests.Fixtures;

namespace AstroBot.Continuity.Cli.Tests.Commands.Inbox;

public sealed class InboxRedriveCommandTests : IAsyncLifetime
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
    public async Task Invoke_PoisonedInbox_MovesEveryMessageBackAndSaysSo()
    {
        await queues.PoisonAsync(queues.Inbox, 3);

        var run = await cli.InvokeAsync("inbox", "redrive");

        run.AssertExitCode(0);
        Assert.Contains($"Moved 3 messages from {queues.Inbox}-poison back to {queues.Inbox}; 0 remain in {queues.Inbox}-poison.", run.Out, StringComparison.Ordinal);
        Assert.Equal(3, await queues.CountAsync(queues.Inbox));
        Assert.Equal(0, await queues.CountAsync(queues.Inbox + "-poison"));
    }

    [Fact]
    public async Task Invoke_Max_MovesThatManyAndSaysWhatRemains()
    {
        await queues.PoisonAsync(queues.Exports, 3);

        var run = await cli.InvokeAsync("inbox", "redrive", "--queue", "exports", "--max", "1");

        run.AssertExitCode(0);
        Assert.Contains("Moved 1 messages", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 remain", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, await queues.CountAsync(queues.Exports));
    }

    [Fact]
    public async Task Invoke_DryRun_MovesNothing()
    {
        await queues.PoisonAsync(queues.Bot, 2);

        var run = await cli.InvokeAsync("inbox", "redrive", "--queue", "bot", "--dry-run");

        run.AssertExitCode(0);
        Assert.Contains($"Dry run: 2 of 2 messages in {queues.Bot}-poison would go back to {queues.Bot}. Nothing moved.", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, await queues.CountAsync(queues.Bot + "-poison"));
        Assert.False((await queues.Client(queues.Bot).ExistsAsync()).Value);
    }

    [Fact]
    public async Task Invoke_NoPoisonQueue_SaysThereIsNothingToRedriveAndExitsZero()
    {
        var run = await cli.InvokeAsync("inbox", "redrive", "--queue", "bot");

        run.AssertExitCode(0);
        Assert.Contains($"No poison queue {queues.Bot}-poison: nothing was ever poisoned on {queues.Bot}. Nothing to redrive.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_EmptyPoisonQueue_SaysSoAndExitsZero()
    {
        await queues.Client(queues.Inbox + "-poison").CreateIfNotExistsAsync();

        var run = await cli.InvokeAsync("inbox", "redrive", "--queue", queues.Inbox);

        run.AssertExitCode(0);
        Assert.Contains($"{queues.Inbox}-poison is empty. Nothing to redrive.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_AnotherQueueOfTheAccount_RedrivesItsPoisonQueue()
    {
        var other = EmulatorEndpoints.UniqueName("other");
        await queues.PoisonAsync(other, 1);
        try
        {
            var run = await cli.InvokeAsync("inbox", "redrive", "--queue", other);

            run.AssertExitCode(0);
            Assert.Equal(1, await queues.CountAsync(other));
        }
        finally
        {
            await queues.Client(other).DeleteIfExistsAsync();
            await queues.Client(other + "-poison").DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Invoke_AQueueThatDoesNotExist_ExitsTwoNamingIt()
    {
        var nowhere = EmulatorEndpoints.UniqueName("nowhere");

        var run = await cli.InvokeAsync("inbox", "redrive", "--queue", nowhere);

        run.AssertExitCode(2);
        Assert.Contains($"No queue '{nowhere}' in this storage account, nor '{nowhere}-poison'", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Invoke_APoisonQueuesName_ExitsTwoNamingTheQueueToUse()
    {
        var run = await cli.InvokeAsync("inbox", "redrive", "--queue", queues.Inbox + "-poison");

        run.AssertExitCode(2);
        Assert.Contains($"name the queue its messages go back to, '{queues.Inbox}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        await queues.PoisonAsync(queues.Inbox, 2);

        var run = await cli.InvokeAsync("inbox", "redrive", "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal(2, result.GetProperty("moved").GetInt64());
        Assert.Equal(0, result.GetProperty("remaining").GetInt64());
        Assert.Equal(queues.Inbox, result.GetProperty("queue").GetString());
        Snapshot.Matches("inbox-redrive.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }
}

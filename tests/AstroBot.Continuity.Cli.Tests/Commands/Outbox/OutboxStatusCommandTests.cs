using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands.Outbox;

public sealed class OutboxStatusCommandTests : IAsyncLifetime
{
    private const string Alice = "15550004001";
    private const string Bob = "15550004002";

    private readonly CliHarness cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await cli.DisposeAsync();

    [Fact]
    public async Task Invoke_NothingWaits_SaysSoAndExitsZero()
    {
        var run = await cli.InvokeAsync("outbox", "status");

        run.AssertExitCode(0);
        Assert.Contains("No replies waiting", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_RepliesWaiting_CountsThemAndTheirUsersAndExitsZero()
    {
        await AppendAsync(Alice, "a1", "a2");
        await AppendAsync(Bob, "b1");

        var run = await cli.InvokeAsync("outbox", "status");

        run.AssertExitCode(0);
        Assert.Matches(@"│\s+3\s+│\s+2\s+│", run.Out);
        Assert.DoesNotContain(Alice, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheDocumentedShape()
    {
        await AppendAsync(Alice, "a1");

        var run = await cli.InvokeAsync("outbox", "status", "--json");

        run.AssertExitCode(0);
        var status = run.Json();
        Assert.Equal(1, status.GetProperty("waiting_replies").GetInt64());
        Assert.Equal(1, status.GetProperty("users_waiting").GetInt32());
        Assert.Equal(0, status.GetProperty("parked_replies").GetInt64());
        Snapshot.Matches("outbox-status.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    private async Task AppendAsync(string userKey, params string[] texts)
    {
        await using var services = cli.BuildServices();
        foreach (var text in texts)
        {
            await services.GetRequiredService<ReplyOutbox>().AppendAsync(userKey, new TextMessage(MessageRecipient.ToPhone(userKey), text), null, CancellationToken.None);
        }
    }
}

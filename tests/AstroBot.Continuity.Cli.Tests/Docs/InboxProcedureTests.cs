using AstroBot.Continuity.Cli.Tests.Commands;
using AstroBot.Continuity.Cli.Tests.Commands.Inbox;

namespace AstroBot.Continuity.Cli.Tests.Docs;

/// <summary>
/// Runs the redrive procedure documented in docs/operations/inbox.md, step by step, through the CLI's own command
/// line against Azurite, with the queues of a world of its own (<see cref="InboxQueues"/>), so the document cannot
/// drift from the product.
/// </summary>
public sealed class InboxProcedureTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private InboxQueues queues = null!;

    private static string DocumentPath => Path.Combine(DocumentedProcedures.RepositoryRoot(), "docs", "operations", "inbox.md");

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
    public void Document_MarksTheRedrive_WithStepsNumberedFromOne()
    {
        var sut = DocumentedProcedures.Read(DocumentPath);

        Assert.Equal(["redrive"], sut.Select(step => step.Procedure).Distinct());
        Assert.Equal(Enumerable.Range(1, sut.Count), sut.Select(step => step.Number));
    }

    [Fact]
    public void Document_EveryStep_ParsesWithTheCurrentCommandLine()
    {
        foreach (var step in DocumentedProcedures.Read(DocumentPath))
        {
            var result = ContinuityCommandLine.Create().Parse([.. step.Arguments]);

            Assert.True(result.Errors.Count == 0, $"{step}: {string.Join("; ", result.Errors.Select(error => error.Message))}");
        }
    }

    [Fact]
    public async Task DocumentedProcedure_RunStepByStepAgainstAzurite_PutsEveryPoisonedMessageBack()
    {
        await queues.PoisonAsync(queues.Inbox, 5);

        foreach (var step in DocumentedProcedures.Read(DocumentPath))
        {
            var run = await cli.InvokeAsync([.. step.Arguments]);

            Assert.True(run.ExitCode == 0, $"{step} exited {run.ExitCode}:{Environment.NewLine}{run.Out}{Environment.NewLine}{run.Error}");
        }

        Assert.Equal(5, await queues.CountAsync(queues.Inbox));
        Assert.Equal(0, await queues.CountAsync(queues.Inbox + "-poison"));
    }
}

using AstroBot.Continuity.Cli.Tests.Commands;
using AstroBot.Continuity.Cli.Tests.Commands.Portability;

namespace AstroBot.Continuity.Cli.Tests.Docs;

/// <summary>
/// Runs the procedures documented in docs/portability.md, step by step, through the CLI's own command line against
/// the emulators, in a world of its own (<see cref="CliHarness"/>'s settings) with <c>exports/</c> in a temporary
/// directory, so the document cannot drift from the product.
/// </summary>
public sealed class PortabilityProcedureTests : IAsyncLifetime
{
    private const string DocumentedExports = "exports/";
    private const string OldNumber = "15559610465";
    private const string NewNumber = "15550100001";

    private readonly CliHarness cli = new();
    private readonly TempDirectory files = new();

    private static string DocumentPath => Path.Combine(DocumentedProcedures.RepositoryRoot(), "docs", "portability.md");

    public Task InitializeAsync() => cli.InitializeAsync();

    public async Task DisposeAsync()
    {
        files.Dispose();
        await cli.DisposeAsync();
    }

    [Fact]
    public void Document_MarksEveryProcedure_WithStepsNumberedFromOne()
    {
        var sut = DocumentedProcedures.Read(DocumentPath);

        Assert.Equal(["move-number", "tenant-export"], sut.Select(step => step.Procedure).Distinct());
        foreach (var procedure in sut.GroupBy(step => step.Procedure))
        {
            Assert.Equal(Enumerable.Range(1, procedure.Count()), procedure.Select(step => step.Number));
        }
    }

    [Fact]
    public void Document_EveryStep_ParsesWithTheCurrentCommandLine()
    {
        foreach (var step in DocumentedProcedures.Read(DocumentPath))
        {
            var result = ContinuityCommandLine.Create().Parse([.. Arguments(step)]);

            Assert.True(
                result.Errors.All(error => error.Message.Contains("There is no archive", StringComparison.Ordinal) || error.Message.Contains("There is no directory", StringComparison.Ordinal)),
                $"{step}: {string.Join("; ", result.Errors.Select(error => error.Message))}");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task DocumentedProcedures_RunStepByStepAgainstTheEmulators_MoveTheUserAndExportTheTenant()
    {
        var steps = DocumentedProcedures.Read(DocumentPath);
        var original = CliHarness.SeededUsers.Single(user => user.WaId == OldNumber);

        foreach (var step in steps)
        {
            var run = await cli.InvokeAsync([.. Arguments(step)]);

            Assert.True(run.ExitCode == 0, $"{step} exited {run.ExitCode}:{Environment.NewLine}{run.Out}{Environment.NewLine}{run.Error}");
        }

        Assert.Equal(original.Documents.Count(), (await cli.ItemsOfAsync(cli.Database, NewNumber)).Values.Sum(items => items.Count));
        Assert.Equal(0, (await cli.ItemsOfAsync(cli.Database, OldNumber)).Values.Sum(items => items.Count));
        var tenant = Directory.GetFiles(Path.Combine(files.Path, "all")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(CliHarness.SeededUsers.Select(user => user.WaId).Where(waId => waId != OldNumber).Append(NewNumber).Select(waId => waId + ".zip").Order(StringComparer.Ordinal), tenant);
    }

    /// <summary>The step's arguments, with the documented <c>exports/</c> folder moved into this test's temporary directory.</summary>
    private IEnumerable<string> Arguments(ProcedureStep step) =>
        step.Arguments.Select(argument => argument.StartsWith(DocumentedExports, StringComparison.Ordinal)
            ? Path.Combine(files.Path, argument[DocumentedExports.Length..])
            : argument);
}

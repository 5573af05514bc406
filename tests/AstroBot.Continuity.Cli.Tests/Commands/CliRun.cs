using System.Text.Json;

namespace AstroBot.Continuity.Cli.Tests.Commands;

/// <summary>One invocation: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public void AssertExitCode(int expected) =>
        Assert.True(ExitCode == expected, $"exit code {ExitCode}, expected {expected}{Environment.NewLine}stdout:{Environment.NewLine}{Out}{Environment.NewLine}stderr:{Environment.NewLine}{Error}");

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }
}

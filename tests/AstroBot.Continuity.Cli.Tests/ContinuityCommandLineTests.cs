namespace AstroBot.Continuity.Cli.Tests;

public class ContinuityCommandLineTests
{
    [Fact]
    public void Create_ListsTheVerbsOfThisRelease()
    {
        var sut = ContinuityCommandLine.Create();

        Assert.Equal(["chat", "seed", "serve"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Theory]
    [InlineData("seed --users 0", "--users must be between 1 and")]
    [InlineData("seed --users 5 --readings-per-user -1", "--readings-per-user cannot be negative")]
    [InlineData("seed", "--users")]
    [InlineData("chat --host ftp://example.org", "--host takes an absolute http(s) URL")]
    [InlineData("chat --host not-a-url", "--host takes an absolute http(s) URL")]
    public void Parse_BadInput_ReportsWhatIsWrong(string commandLine, string expected)
    {
        var sut = ContinuityCommandLine.Create();

        var result = sut.Parse(commandLine);

        Assert.Contains(result.Errors, error => error.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RepeatedConfig_KeepsEveryPair()
    {
        var result = ContinuityCommandLine.Create().Parse("serve --config A=1 -c B=2");

        Assert.Empty(result.Errors);
        Assert.Equal(["A=1", "B=2"], result.GetValue(Commands.GlobalOptions.Config)!);
    }
}

using AstroBot.Continuity.Cli.Commands.Portability;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

public class EraseConfirmationTests
{
    [Theory]
    [InlineData("15550000001\n", true)]
    [InlineData("  15550000001  \n", true)]
    [InlineData("15550000002\n", false)]
    [InlineData("yes\n", false)]
    [InlineData("", false)]
    public async Task AskAsync_WhatIsTyped_ConfirmsOnlyTheSameKey(string typed, bool expected)
    {
        using var input = new StringReader(typed);
        using var prompt = new StringWriter();

        var confirmed = await EraseConfirmation.AskAsync("15550000001", input, prompt, CancellationToken.None);

        Assert.Equal(expected, confirmed);
    }

    [Fact]
    public async Task AskAsync_Always_SaysWhatCannotBeUndone()
    {
        using var input = new StringReader("x\n");
        using var prompt = new StringWriter();

        await EraseConfirmation.AskAsync("15550000001", input, prompt, CancellationToken.None);

        Assert.Contains("15550000001", prompt.ToString(), StringComparison.Ordinal);
        Assert.Contains("no restore will ever bring them back", prompt.ToString(), StringComparison.Ordinal);
        Assert.Contains("Type the user's key again", prompt.ToString(), StringComparison.Ordinal);
    }
}

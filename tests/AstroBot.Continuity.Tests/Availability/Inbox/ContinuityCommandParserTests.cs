using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class ContinuityCommandParserTests
{
    [Theory]
    [InlineData("HELP", ContinuityCommand.Help)]
    [InlineData("help", ContinuityCommand.Help)]
    [InlineData("  Help  ", ContinuityCommand.Help)]
    [InlineData("EXPORT", ContinuityCommand.Export)]
    [InlineData("export\n", ContinuityCommand.Export)]
    [InlineData("DELETE MY DATA", ContinuityCommand.DeleteMyData)]
    [InlineData("delete\tmy   data", ContinuityCommand.DeleteMyData)]
    public void Parse_CommandText_ReturnsTheCommand(string text, ContinuityCommand expected)
    {
        Assert.Equal(expected, ContinuityCommandParser.Parse(Message(text, replyId: null)));
    }

    [Theory]
    [InlineData("help me read my chart")]
    [InlineData("EXPORTS")]
    [InlineData("delete my")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_OrdinaryMessage_ReturnsNull(string? text)
    {
        Assert.Null(ContinuityCommandParser.Parse(Message(text, replyId: null)));
    }

    [Theory]
    [InlineData("delete_my_data", ContinuityCommand.DeleteMyData)]
    [InlineData("EXPORT", ContinuityCommand.Export)]
    [InlineData("help", ContinuityCommand.Help)]
    public void Parse_InteractiveReplyId_ReturnsTheCommandWhateverTheTitle(string replyId, ContinuityCommand expected)
    {
        Assert.Equal(expected, ContinuityCommandParser.Parse(Message("Yes please!", replyId)));
    }

    private static InboundMessage Message(string? text, string? replyId) =>
        new("wamid.1", new UserIdentifiers("15550001111", null), "100200300", DateTimeOffset.UnixEpoch, replyId is null ? "text" : "interactive", text, replyId, null);
}

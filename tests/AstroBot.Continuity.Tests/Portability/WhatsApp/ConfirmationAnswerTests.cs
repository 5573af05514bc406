using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

public sealed class ConfirmationAnswerTests
{
    [Theory]
    [InlineData("YES")]
    [InlineData("yes")]
    [InlineData("  Yes. ")]
    [InlineData("yes!")]
    public void IsYes_YesAsText_IsTrue(string text) => Assert.True(ConfirmationAnswer.IsYes(Message(text, null)));

    [Theory]
    [InlineData("no")]
    [InlineData("yes please")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void IsYes_AnythingElse_IsFalse(string text) => Assert.False(ConfirmationAnswer.IsYes(Message(text, null)));

    [Fact]
    public void IsYes_TappedButtonWithIdYes_IsTrue() => Assert.True(ConfirmationAnswer.IsYes(Message("Sure", "yes")));

    private static InboundMessage Message(string? text, string? replyId) =>
        new("wamid.1", new UserIdentifiers("15550001111", null), "100200300", DateTimeOffset.UnixEpoch, replyId is null ? "text" : "interactive", text, replyId, null);
}

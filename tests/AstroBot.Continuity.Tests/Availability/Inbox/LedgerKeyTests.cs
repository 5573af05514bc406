using AstroBot.Continuity.Availability.Inbox;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class LedgerKeyTests
{
    [Fact]
    public void Escape_PlainId_IsUnchanged()
    {
        Assert.Equal("wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFC", LedgerKey.Escape("wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFC"));
    }

    [Theory]
    [InlineData("wamid.a/b", "wamid.a%2Fb")]
    [InlineData("a\\b#c?d", "a%5Cb%23c%3Fd")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    public void Escape_CharactersTablesForbid_ArePercentEscaped(string id, string expected)
    {
        Assert.Equal(expected, LedgerKey.Escape(id));
    }

    [Fact]
    public void Escape_IdThatLooksEscaped_DoesNotCollideWithTheEscapedForm()
    {
        Assert.NotEqual(LedgerKey.Escape("a/b"), LedgerKey.Escape("a%2Fb"));
    }
}

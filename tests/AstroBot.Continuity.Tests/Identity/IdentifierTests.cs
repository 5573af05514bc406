using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.Identity;

public class IdentifierTests
{
    [Theory]
    [InlineData("15551234567", IdentifierKind.Phone, "15551234567")]
    [InlineData("US.13491208655302741918", IdentifierKind.Bsuid, "US.13491208655302741918")]
    [InlineData("US.ENT.11815799212886844830", IdentifierKind.ParentBsuid, "US.ENT.11815799212886844830")]
    [InlineData("@realsheenanelson", IdentifierKind.Username, "realsheenanelson")]
    [InlineData("bsuid:odd-shape", IdentifierKind.Bsuid, "odd-shape")]
    [InlineData("phone:15551234567", IdentifierKind.Phone, "15551234567")]
    [InlineData(" username:sheena ", IdentifierKind.Username, "sheena")]
    public void TryParse_EveryWrittenForm_ReadsKindAndValue(string text, IdentifierKind kind, string value)
    {
        Assert.True(Identifier.TryParse(text, out var sut));
        Assert.Equal(new Identifier(kind, value), sut);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("someone")]
    [InlineData("@")]
    [InlineData("bsuid:")]
    [InlineData("phone:abc")]
    [InlineData("phone:+1 555")]
    public void TryParse_NotAnIdentifier_IsFalse(string? text)
    {
        Assert.False(Identifier.TryParse(text, out _));
    }

    [Fact]
    public void DirectoryKey_IsFixedLengthHexAndDiffersByKind()
    {
        var phone = new Identifier(IdentifierKind.Phone, "15551234567");
        var username = new Identifier(IdentifierKind.Username, "15551234567");

        Assert.Matches("^[0-9a-f]{64}$", phone.DirectoryKey);
        Assert.Equal(64, new Identifier(IdentifierKind.Bsuid, new string('9', 1000)).DirectoryKey.Length);
        Assert.NotEqual(phone.DirectoryKey, username.DirectoryKey);
    }

    [Fact]
    public void Of_EveryIdentifierGiven_PhoneFirstAndNothingForTheGaps()
    {
        var sut = Identifier.Of(new UserIdentifiers(null, "US.1", null, "sheena"));

        Assert.Equal([new Identifier(IdentifierKind.Bsuid, "US.1"), new Identifier(IdentifierKind.Username, "sheena")], sut);
    }

    [Fact]
    public void Resolves_UsernamesNever()
    {
        Assert.False(new Identifier(IdentifierKind.Username, "x").Resolves);
        Assert.True(new Identifier(IdentifierKind.ParentBsuid, "US.ENT.1").Resolves);
    }
}

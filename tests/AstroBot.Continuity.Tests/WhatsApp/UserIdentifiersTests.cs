using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.WhatsApp;

public class UserIdentifiersTests
{
    private const string Phone = "16505551234";
    private const string Bsuid = "US.13491208655302741918";
    private const string ParentBsuid = "US.ENT.11815799212886844830";

    [Fact]
    public void Merge_Gaps_FilledFromOther()
    {
        var sut = new UserIdentifiers(null, Bsuid);

        var merged = sut.Merge(new UserIdentifiers(Phone, "US.Other", ParentBsuid, "realsheenanelson"));

        Assert.Equal(new UserIdentifiers(Phone, Bsuid, ParentBsuid, "realsheenanelson"), merged);
    }

    [Fact]
    public void Merge_BothSayDifferentThings_ThisOneWins()
    {
        var sut = new UserIdentifiers(Phone, Bsuid, ParentBsuid, "sheena");

        var merged = sut.Merge(new UserIdentifiers("19995550000", "US.Other", "US.ENT.Other", "someone"));

        Assert.Equal(sut, merged);
    }

    [Fact]
    public void Merge_Null_ReturnsThis()
    {
        var sut = new UserIdentifiers(Phone, null, null, "sheena");

        Assert.Same(sut, sut.Merge(null));
    }

    [Fact]
    public void Merge_IntoNone_TakesEverything()
    {
        var other = new UserIdentifiers(Phone, Bsuid, ParentBsuid, "sheena");

        Assert.Equal(other, UserIdentifiers.None.Merge(other));
    }

    [Fact]
    public void ReplyAddress_PhoneAndBsuid_PrefersPhone()
    {
        var sut = new UserIdentifiers(Phone, Bsuid, ParentBsuid);

        Assert.Equal(MessageRecipient.ToPhone(Phone), sut.ReplyAddress);
    }

    [Fact]
    public void ReplyAddress_BsuidOnly_Bsuid()
    {
        var sut = new UserIdentifiers(null, Bsuid, ParentBsuid, "sheena");

        Assert.Equal(MessageRecipient.ToBsuid(Bsuid), sut.ReplyAddress);
    }

    [Fact]
    public void ReplyAddress_ParentBsuidAndUsernameOnly_Null()
    {
        // A parent BSUID or a username is not an address the bot replies to.
        var sut = new UserIdentifiers(null, null, ParentBsuid, "sheena");

        Assert.Null(sut.ReplyAddress);
    }

    [Theory]
    [InlineData(Phone, null, false)]
    [InlineData(null, Bsuid, false)]
    [InlineData(Phone, Bsuid, false)]
    [InlineData(null, null, true)]
    public void IsAnonymous_ByPhoneAndBsuid(string? phone, string? bsuid, bool expected)
    {
        var sut = new UserIdentifiers(phone, bsuid, ParentBsuid, "sheena");

        Assert.Equal(expected, sut.IsAnonymous);
    }

    [Fact]
    public void None_IsAnonymousWithNothing()
    {
        var sut = UserIdentifiers.None;

        Assert.Equal((true, (string?)null, (string?)null, (MessageRecipient?)null), (sut.IsAnonymous, sut.ParentBsuid, sut.Username, sut.ReplyAddress));
    }
}

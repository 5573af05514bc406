using AstroBot.Continuity.Cli.Chat;

namespace AstroBot.Continuity.Cli.Tests.Chat;

public class ChatUserTests
{
    [Fact]
    public void WithPhone_WithoutBsuid_SendsTheBsuidDerivedFromTheNumber()
    {
        var sut = ChatUser.WithPhone("15550003001", "Test User");

        Assert.Equal("15550003001", sut.Identifiers.Phone);
        Assert.Equal(DerivedBsuid.ForPhone("15550003001"), sut.Identifiers.Bsuid);
        Assert.Equal(["15550003001", DerivedBsuid.ForPhone("15550003001")], sut.Addresses);
    }

    [Fact]
    public void WithUsername_Always_HidesTheNumber()
    {
        var sut = ChatUser.WithUsername("sheena.nelson", "Sheena", "US.13491208655302741918");

        Assert.True(sut.HidesNumber);
        Assert.Equal("US.13491208655302741918", sut.Identifiers.Bsuid);
        Assert.Equal("sheena.nelson", sut.Identifiers.Username);
        Assert.Equal(["US.13491208655302741918"], sut.Addresses);
    }

    [Fact]
    public void WithNumber_PhoneUser_GetsTheNewNumberAndANewBsuid()
    {
        var sut = ChatUser.WithPhone("15550003001", "Test User");

        var changed = sut.WithNumber("15550003002");

        Assert.Equal("15550003002", changed.Identifiers.Phone);
        Assert.Equal(DerivedBsuid.ForPhone("15550003002"), changed.Identifiers.Bsuid);
        Assert.NotEqual(sut.Identifiers.Bsuid, changed.Identifiers.Bsuid);
    }

    [Fact]
    public void WithNumber_UsernameUser_StillSharesNoNumber()
    {
        var sut = ChatUser.WithUsername("sheena.nelson", "Sheena");

        var changed = sut.WithNumber("15550003003");

        Assert.Null(changed.Identifiers.Phone);
        Assert.Equal("sheena.nelson", changed.Identifiers.Username);
        Assert.NotEqual(sut.Identifiers.Bsuid, changed.Identifiers.Bsuid);
    }
}

using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class UserReferencesTests
{
    [Fact]
    public void For_WaId_IsLowercaseHexSha256OfThePrefixedWaId()
    {
        var reference = UserReferences.For("15550001111");

        // sha256("astrobot-user:15550001111"), computed independently.
        Assert.Equal("2c7dea96f96023c98f917012cf5cf3749d8a97abe834e38dcd656de040ff5415", reference);
        Assert.True(UserReferences.IsWellFormed(reference));
    }

    [Fact]
    public void For_DifferentWaIds_GiveDifferentReferences()
    {
        Assert.NotEqual(UserReferences.For("15550001111"), UserReferences.For("15550001112"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void For_BlankWaId_Throws(string waId)
    {
        Assert.Throws<ArgumentException>(() => UserReferences.For(waId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("15550001111")]
    [InlineData("2C7DEA96F96023C98F917012CF5CF3749D8A97ABE834E38DCD656DE040FF5415")]
    [InlineData("2c7dea96f96023c98f917012cf5cf3749d8a97abe834e38dcd656de040ff541")]
    public void IsWellFormed_NotAReference_ReturnsFalse(string? text)
    {
        Assert.False(UserReferences.IsWellFormed(text));
    }
}

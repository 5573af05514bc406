using AstroBot.Continuity.Identity;

namespace AstroBot.Continuity.Tests.Identity;

public class UserKeyTests
{
    [Fact]
    public void Mint_IsPrefixedHexAndNeverRepeats()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => UserKey.Mint()).ToList();

        Assert.All(keys, key => Assert.Matches("^u-[0-9a-f]{24}$", key));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("15551234567", true)]
    [InlineData("u-0123456789abcdef01234567", true)]
    [InlineData("u-0123456789ABCDEF01234567", false)]
    [InlineData("u-0123", false)]
    [InlineData("US.13491208655302741918", false)]
    [InlineData("", false)]
    public void IsValid_PhoneKeysAndMintedKeysOnly(string value, bool expected)
    {
        Assert.Equal(expected, UserKey.IsValid(value));
    }
}

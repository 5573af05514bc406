using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Tests.Chat;

public class DerivedBsuidTests
{
    [Fact]
    public void ForUsername_SameNameTwice_IsTheSameBsuid()
    {
        Assert.Equal(DerivedBsuid.ForUsername("sheena.nelson"), DerivedBsuid.ForUsername("Sheena.Nelson"));
    }

    [Fact]
    public void ForPhone_Always_HasMetasShape()
    {
        var sut = DerivedBsuid.ForPhone("15550004001");

        Assert.Matches("^US\\.[0-9]{20}$", sut);
        Assert.True(BsuidFormat.IsDocumented(sut));
    }

    [Fact]
    public void ForPhone_OtherNumber_IsAnotherBsuid()
    {
        Assert.NotEqual(DerivedBsuid.ForPhone("15550004001"), DerivedBsuid.ForPhone("15550004002"));
    }

    [Fact]
    public void ForUsername_NameThatIsAlsoANumber_DiffersFromThatNumbersBsuid()
    {
        Assert.NotEqual(DerivedBsuid.ForPhone("15550004001"), DerivedBsuid.ForUsername("15550004001"));
    }
}

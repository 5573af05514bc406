using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.WhatsApp;

public class BsuidFormatTests
{
    private static readonly string Suffix128 = new('7', BsuidFormat.MaxDocumentedSuffixLength);

    public static TheoryData<string> Documented => new()
    {
        "US.13491208655302741918",
        "US.ENT.11815799212886844830",
        "BR.aZ09",
        "GB.1",
        "US.ENT",
        "US." + Suffix128,
        "US.ENT." + Suffix128,
    };

    public static TheoryData<string?> NotDocumented => new()
    {
        null,
        "",
        "13491208655302741918",
        "us.13491208655302741918",
        "Us.13491208655302741918",
        "USA.13491208655302741918",
        "U.13491208655302741918",
        "US.",
        "US.ENT.",
        "US13491208655302741918",
        "US.1349-1208",
        "US.1349 1208",
        "US.ENT.ENT.1181",
        " US.13491208655302741918",
        "US.13491208655302741918 ",
        "US.13491208655302741918\n",
        "US.1349\n1208",
        "US." + Suffix128 + "7",
        "US.ENT." + Suffix128 + "7",
        "US.\u0661\u0662\u0663",
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void IsDocumented_MetasShape_True(string value)
    {
        Assert.True(BsuidFormat.IsDocumented(value));
    }

    [Theory]
    [MemberData(nameof(NotDocumented))]
    public void IsDocumented_OtherShape_False(string? value)
    {
        Assert.False(BsuidFormat.IsDocumented(value));
    }

    [Fact]
    public void IsDocumented_SuffixOf128And129Characters_OnlyTheFirst()
    {
        Assert.Equal((true, false), (BsuidFormat.IsDocumented("US." + Suffix128), BsuidFormat.IsDocumented("US." + Suffix128 + "7")));
    }

    [Fact]
    public void MaxAcceptedLength_EightTimesTheDocumentedSuffix()
    {
        Assert.Equal((128, 1024), (BsuidFormat.MaxDocumentedSuffixLength, BsuidFormat.MaxAcceptedLength));
    }
}

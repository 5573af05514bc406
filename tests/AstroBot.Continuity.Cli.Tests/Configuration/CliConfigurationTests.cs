using AstroBot.Continuity.Cli.Configuration;

namespace AstroBot.Continuity.Cli.Tests.Configuration;

public class CliConfigurationTests
{
    [Fact]
    public void Build_WithoutOverrides_PointsAtTheLocalEmulators()
    {
        var sut = CliConfiguration.Build([]);

        Assert.Equal("UseDevelopmentStorage=true", sut["Storage:ConnectionString"]);
        Assert.Equal("https://127.0.0.1:8081", sut["Cosmos:Endpoint"]);
        Assert.Equal("http://127.0.0.1:7072", sut["WhatsApp:GraphApiBaseUrl"]);
    }

    [Fact]
    public void Build_WithOverride_WinsOverTheDefault()
    {
        var sut = CliConfiguration.Build(["Cosmos:DatabaseName=demo", "WhatsApp__PhoneNumberId=42"]);

        Assert.Equal("demo", sut["Cosmos:DatabaseName"]);
        Assert.Equal("42", sut["WhatsApp:PhoneNumberId"]);
    }

    [Fact]
    public void Build_ValueContainingEquals_KeepsEverythingAfterTheFirst()
    {
        var sut = CliConfiguration.Build(["Storage:ConnectionString=AccountName=a;AccountKey=b=="]);

        Assert.Equal("AccountName=a;AccountKey=b==", sut["Storage:ConnectionString"]);
    }

    [Theory]
    [InlineData("no-equals-sign")]
    [InlineData("=value-without-key")]
    public void Build_MalformedOverride_ThrowsNamingTheOption(string pair)
    {
        var error = Assert.Throws<FormatException>(() => CliConfiguration.Build([pair]));

        Assert.Contains("--config takes KEY=VALUE", error.Message, StringComparison.Ordinal);
    }
}

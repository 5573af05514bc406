using AstroBot.Continuity.Data;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Data;

public sealed class CosmosOptionsTests
{
    private static ValidateOptionsResult Validate(CosmosOptions options) =>
        new DataAnnotationValidateOptions<CosmosOptions>(name: null).Validate(name: null, options);

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var sut = new CosmosOptions();

        Assert.True(Validate(sut).Succeeded);
        Assert.Equal("https://127.0.0.1:8081", sut.Endpoint);
        Assert.Equal(CosmosOptions.EmulatorKey, sut.Key);
        Assert.Equal("astrobot", sut.DatabaseName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081")]
    [InlineData("/relative")]
    [InlineData("not a url")]
    public void Validate_EndpointNotAbsoluteHttps_NamesTheSetting(string endpoint)
    {
        var sut = new CosmosOptions { Endpoint = endpoint };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Cosmos:Endpoint must be an absolute https URL", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void Validate_InvalidDatabaseName_NamesTheSetting(string databaseName)
    {
        var sut = new CosmosOptions { DatabaseName = databaseName };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Cosmos:DatabaseName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmulatorKeyForNetworkEndpoint_NamesTheSetting()
    {
        var sut = new CosmosOptions { Endpoint = "https://astrobot.documents.azure.com:443/" };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Cosmos:Key is the emulator's well-known key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_NoKeyForNetworkEndpoint_SucceedsWithManagedIdentity(string? key)
    {
        var sut = new CosmosOptions { Endpoint = "https://astrobot.documents.azure.com:443/", Key = key };

        Assert.True(Validate(sut).Succeeded);
        Assert.True(sut.UsesManagedIdentity);
    }

    [Fact]
    public void Validate_PreferredRegionThatIsNoRegion_NamesItAndTheSetting()
    {
        var sut = new CosmosOptions { PreferredRegions = "westeurope,atlantis" };

        var result = Validate(sut);

        Assert.True(result.Failed);
        Assert.Contains("Cosmos:PreferredRegions names regions Cosmos DB does not know: atlantis", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("westeurope,northeurope")]
    [InlineData("West Europe, North Europe")]
    [InlineData("")]
    public void Validate_PreferredRegionsByLocationOrSdkName_Succeeds(string regions)
    {
        Assert.True(Validate(new CosmosOptions { PreferredRegions = regions }).Succeeded);
    }
}

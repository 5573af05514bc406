using System.Net.Security;
using AstroBot.Continuity.Data;
using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Tests.Data;

public sealed class CosmosClientFactoryTests
{
    [Theory]
    [InlineData("https://10.0.0.1:8081")]
    [InlineData("https://example.com")]
    public void CreateClientOptions_NetworkEndpoint_InstallsNoCertificateCallback(string endpoint)
    {
        var sut = CosmosClientFactory.CreateClientOptions(new Uri(endpoint));

        Assert.Null(sut.HttpClientFactory);
    }

    [Fact]
    public void CreateClientOptions_LoopbackEndpoint_UsesEmulatorHttpClient()
    {
        var sut = CosmosClientFactory.CreateClientOptions(new Uri("https://127.0.0.1:8081"));

        Assert.NotNull(sut.HttpClientFactory);
    }

    [Fact]
    public void CreateClientOptions_AnyEndpoint_UsesGatewayModePinnedToEndpoint()
    {
        var sut = CosmosClientFactory.CreateClientOptions(new Uri("https://example.com"));

        Assert.Equal(ConnectionMode.Gateway, sut.ConnectionMode);
        Assert.True(sut.LimitToEndpoint);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8081/dbs", true)]
    [InlineData("https://localhost:8081/dbs", true)]
    [InlineData("https://example.com/dbs", false)]
    public void CreateEmulatorHandler_UntrustedCertificate_AcceptedOnlyFromLoopback(string requestUri, bool expected)
    {
        using var sut = CosmosClientFactory.CreateEmulatorHandler();
        using var request = new HttpRequestMessage(HttpMethod.Get, requestUri);

        var accepted = sut.ServerCertificateCustomValidationCallback!(request, null, null, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.Equal(expected, accepted);
    }

    [Fact]
    public void Create_Configure_AppliesAfterDefaults()
    {
        using var sut = new CosmosClientFactory(new CosmosOptions()).Create(options => options.AllowBulkExecution = true);

        Assert.True(sut.ClientOptions.AllowBulkExecution);
        Assert.Equal(ConnectionMode.Gateway, sut.ClientOptions.ConnectionMode);
        Assert.Equal(new Uri("https://127.0.0.1:8081"), sut.Endpoint);
    }

    [Fact]
    public void Create_NoKey_SignsInWithTheCredential()
    {
        var options = new CosmosOptions { Endpoint = "https://astrobot.documents.azure.com:443/", Key = "" };

        using var sut = new CosmosClientFactory(options, new FixedCredential()).Create();

        Assert.True(options.UsesManagedIdentity);
        Assert.Null(sut.ClientOptions.HttpClientFactory);
        Assert.Equal(new Uri("https://astrobot.documents.azure.com:443/"), sut.Endpoint);
    }

    [Fact]
    public void Create_NoKeyAndNoCredential_FailsNamingTheSetting()
    {
        var sut = new CosmosClientFactory(new CosmosOptions { Endpoint = "https://astrobot.documents.azure.com:443/", Key = "" });

        var failure = Assert.Throws<InvalidOperationException>(() => sut.Create());

        Assert.Contains("Cosmos:Key is empty", failure.Message, StringComparison.Ordinal);
    }

    private sealed class FixedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public void CreateClientOptions_PreferredRegions_OwnRegionFirstNotPinnedAndReadsHedged()
    {
        var sut = CosmosClientFactory.CreateClientOptions(new Uri("https://example.com"), ["North Europe", "West Europe"]);

        Assert.False(sut.LimitToEndpoint);
        Assert.Equal(["North Europe", "West Europe"], sut.ApplicationPreferredRegions);
        Assert.NotNull(sut.AvailabilityStrategy);
    }

    [Fact]
    public void CreateClientOptions_PreferredRegionsForTheEmulator_AreIgnored()
    {
        var sut = CosmosClientFactory.CreateClientOptions(new Uri("https://127.0.0.1:8081"), ["North Europe", "West Europe"]);

        Assert.True(sut.LimitToEndpoint);
        Assert.Null(sut.ApplicationPreferredRegions);
        Assert.Null(sut.AvailabilityStrategy);
    }

    [Fact]
    public void Create_PreferredRegionsAsBicepSetsThem_MapsAzureLocationNamesToTheSdks()
    {
        using var sut = new CosmosClientFactory(new CosmosOptions { Endpoint = "https://example.com", Key = "a2V5", PreferredRegions = "westeurope, northeurope" }).Create();

        Assert.Equal(["West Europe", "North Europe"], sut.ClientOptions.ApplicationPreferredRegions);
    }
}

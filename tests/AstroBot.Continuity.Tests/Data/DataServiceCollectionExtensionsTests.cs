using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Data;

public sealed class DataServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddBotData(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddBotData_ValidSettings_RegistersClientForConfiguredAccount()
    {
        using var sut = Build(new() { ["Cosmos:Endpoint"] = "https://localhost:9081", ["Cosmos:DatabaseName"] = "demo" });

        var client = sut.GetRequiredService<CosmosClient>();

        Assert.Equal(new Uri("https://localhost:9081"), client.Endpoint);
        Assert.Same(client, sut.GetRequiredService<CosmosClient>());
        Assert.Equal("demo", sut.GetRequiredService<IOptions<CosmosOptions>>().Value.DatabaseName);
        Assert.NotNull(sut.GetRequiredService<CosmosReadiness>());
    }

    [Fact]
    public void AddBotData_InvalidEndpoint_FailsNamingTheSetting()
    {
        using var sut = Build(new() { ["Cosmos:Endpoint"] = "http://localhost:8081" });

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<CosmosOptions>>().Value);

        Assert.Contains("Cosmos:Endpoint must be an absolute https URL", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBotData_Registered_ValidatesOnStart()
    {
        using var sut = Build([]);

        var validators = sut.GetServices<IStartupValidator>();

        Assert.NotEmpty(validators);
    }
}

using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Tests.Data.Seed;

public sealed class SeedServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSeedWriter_AfterAddBotData_ResolvesOneWriter()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Cosmos:Endpoint"] = "https://localhost:9081", ["Cosmos:DatabaseName"] = "demo" })
            .Build();
        using var sut = new ServiceCollection().AddLogging().AddBotData(configuration).AddSeedWriter().BuildServiceProvider();

        var writer = sut.GetRequiredService<SeedWriter>();

        Assert.Same(writer, sut.GetRequiredService<SeedWriter>());
    }
}

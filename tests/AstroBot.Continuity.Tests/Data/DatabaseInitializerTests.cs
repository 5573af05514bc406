using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Tests.Data;

public sealed class DatabaseInitializerTests(CosmosTestDatabase database) : IClassFixture<CosmosTestDatabase>
{
    [Fact]
    public async Task EnsureCreatedAsync_EmptyAccount_CreatesEveryContainerPartitionedByWaId()
    {
        await DatabaseInitializer.EnsureCreatedAsync(database.Client, database.Options.DatabaseName, CancellationToken.None);

        foreach (var container in BotDataModel.Containers)
        {
            var properties = (await database.Container(container.Name).ReadContainerAsync()).Resource;
            Assert.Equal("/wa_id", properties.PartitionKeyPath);
        }
    }

    [Fact]
    public async Task EnsureCreatedAsync_CalledTwice_Succeeds()
    {
        await DatabaseInitializer.EnsureCreatedAsync(database.Client, database.Options.DatabaseName, CancellationToken.None);

        await DatabaseInitializer.EnsureCreatedAsync(database.Client, database.Options.DatabaseName, CancellationToken.None);

        using var containers = database.Client.GetDatabase(database.Options.DatabaseName).GetContainerQueryIterator<Microsoft.Azure.Cosmos.ContainerProperties>();
        var names = new List<string>();
        while (containers.HasMoreResults)
        {
            names.AddRange((await containers.ReadNextAsync()).Select(container => container.Id));
        }

        Assert.Equal(BotDataModel.Containers.Select(container => container.Name).Order(), names.Order());
    }
}

using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Tests.Data;

/// <summary>A database of its own on the test run's Cosmos DB emulator, dropped when the test class is done.</summary>
/// <param name="feedRanges">
/// How many feed ranges its containers have: above 1, the database's id starts with <c>ranges{N}-</c>, which the
/// emulator's preload (eng/cosmosdb-change-feed.js) answers with that many partition key ranges.
/// </param>
public sealed class CosmosTestDatabase(int feedRanges = 1) : IAsyncLifetime
{
    public CosmosOptions Options { get; } = new()
    {
        Endpoint = EmulatorEndpoints.CosmosEndpoint,
        Key = EmulatorEndpoints.CosmosKey,
        DatabaseName = (feedRanges > 1 ? $"ranges{feedRanges}-" : string.Empty) + EmulatorEndpoints.UniqueName("data"),
    };

    public CosmosClient Client { get; private set; } = null!;

    public Container Container(string name) => Client.GetContainer(Options.DatabaseName, name);

    public Task InitializeAsync()
    {
        Client = new CosmosClientFactory(Options).Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Client.GetDatabase(Options.DatabaseName).DeleteAsync();
        }
        catch (CosmosException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The test never created it.
        }

        Client.Dispose();
    }

    /// <summary>Every item of a container through the read feed (cross-partition queries do not work on the emulator).</summary>
    public async Task<List<T>> ReadFeedAsync<T>(string containerName)
    {
        var items = new List<T>();
        using var feed = Container(containerName).GetItemQueryIterator<T>((string?)null, null, new QueryRequestOptions { MaxItemCount = 200 });
        while (feed.HasMoreResults)
        {
            items.AddRange(await feed.ReadNextAsync());
        }

        return items;
    }
}

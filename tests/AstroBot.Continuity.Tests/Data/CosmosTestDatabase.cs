using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Tests.Data;

/// <summary>A database of its own on the test run's Cosmos DB emulator, dropped when the test class is done.</summary>
public sealed class CosmosTestDatabase : IAsyncLifetime
{
    /// <summary>Containers of one feed range; the one public constructor, as xUnit's class fixtures need.</summary>
    public CosmosTestDatabase()
        : this(feedRanges: 1)
    {
    }

    private CosmosTestDatabase(int feedRanges)
    {
        Options = new()
        {
            Endpoint = EmulatorEndpoints.CosmosEndpoint,
            Key = EmulatorEndpoints.CosmosKey,
            DatabaseName = (feedRanges > 1 ? $"ranges{feedRanges}-" : string.Empty) + EmulatorEndpoints.UniqueName("data"),
        };
    }

    public CosmosOptions Options { get; }

    public CosmosClient Client { get; private set; } = null!;

    /// <summary>
    /// A database whose containers have <paramref name="feedRanges"/> feed ranges: above 1, its id starts with
    /// <c>ranges{N}-</c>, which the emulator's preload (eng/cosmosdb-change-feed.js) answers with that many ranges.
    /// </summary>
    public static CosmosTestDatabase WithFeedRanges(int feedRanges) => new(feedRanges);

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

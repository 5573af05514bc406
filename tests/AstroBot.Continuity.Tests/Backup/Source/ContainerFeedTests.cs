using System.Text;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Tests.Data;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

namespace AstroBot.Continuity.Tests.Backup.Source;

/// <summary>Against the Cosmos DB emulator and its real latest-version change feed (eng/cosmosdb-change-feed.js), a database per test.</summary>
public sealed class ContainerFeedTests : IAsyncLifetime
{
    private readonly CosmosTestDatabase database = new();
    private readonly FeedStatistics statistics = new();
    private Container container = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var created = await database.Client.CreateDatabaseIfNotExistsAsync(database.Options.DatabaseName);
        container = (await created.Database.CreateContainerIfNotExistsAsync(new ContainerProperties("feed", "/wa_id"))).Container;
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task ReadAllAsync_ItemsOverSeveralPages_GivesEveryItemOnceWithoutSystemProperties()
    {
        for (var i = 0; i < 7; i++)
        {
            await WriteAsync($"item-{i}", $"49151000000{i % 3}", "v1");
        }

        var sut = Feed(pageSize: 3);

        var pages = await PagesAsync(sut.ReadAllAsync(CancellationToken.None));

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        var items = pages.SelectMany(page => page.Items).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"item-{i}").Order(StringComparer.Ordinal), items.Select(Id).Order(StringComparer.Ordinal));
        Assert.All(items, item => Assert.DoesNotContain("\"_rid\"", Encoding.UTF8.GetString(item.Json), StringComparison.Ordinal));
        Assert.All(items, item => Assert.StartsWith("49151000000", item.WaId, StringComparison.Ordinal));
        Assert.True(statistics.RequestCharge > 0);
    }

    [Fact]
    public async Task ReadChangesAsync_FromTheCurrentPosition_GivesExactlyTheItemsWrittenAfterIt()
    {
        await WriteAsync("before-1", "4915100000001", "v1");
        await WriteAsync("before-2", "4915100000002", "v1");
        var sut = Feed(pageSize: 2);
        var position = await sut.CurrentPositionAsync(CancellationToken.None);
        await WriteAsync("after-1", "4915100000001", "v1");
        await WriteAsync("after-2", "4915100000003", "v1");
        await WriteAsync("after-3", "4915100000002", "v1");

        var pages = await PagesAsync(sut.ReadChangesAsync(position, CancellationToken.None));

        Assert.Equal(["after-1", "after-2", "after-3"], pages.SelectMany(page => page.Items).Select(Id).Order(StringComparer.Ordinal));
        Assert.NotNull(pages[^1].Continuation);
        Assert.Empty(pages[^1].Items);
    }

    [Fact]
    public async Task ReadChangesAsync_ItemUpdatedAfterThePosition_ShowsOnlyItsLatestVersionOnce()
    {
        await WriteAsync("changing", "4915100000001", "v1");
        var sut = Feed(pageSize: 10);
        var position = await sut.CurrentPositionAsync(CancellationToken.None);
        await WriteAsync("changing", "4915100000001", "v2");
        await WriteAsync("other", "4915100000002", "v1");
        await WriteAsync("changing", "4915100000001", "v3");

        var items = (await PagesAsync(sut.ReadChangesAsync(position, CancellationToken.None))).SelectMany(page => page.Items).ToList();

        var changing = Assert.Single(items, item => Id(item) == "changing");
        Assert.Contains("\"version\":\"v3\"", Encoding.UTF8.GetString(changing.Json), StringComparison.Ordinal);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public async Task ReadChangesAsync_FromWhereTheLastReadEnded_GivesOnlyNewerChanges()
    {
        var sut = Feed(pageSize: 10);
        var position = await sut.CurrentPositionAsync(CancellationToken.None);
        await WriteAsync("first", "4915100000001", "v1");
        var firstRead = await PagesAsync(sut.ReadChangesAsync(position, CancellationToken.None));
        await WriteAsync("second", "4915100000002", "v1");

        var secondRead = await PagesAsync(sut.ReadChangesAsync(firstRead[^1].Continuation!, CancellationToken.None));

        Assert.Equal(["first"], firstRead.SelectMany(page => page.Items).Select(Id));
        Assert.Equal(["second"], secondRead.SelectMany(page => page.Items).Select(Id));
    }

    [Fact]
    public async Task ReadChangesAsync_NothingChanged_GivesNoItemsAndThePositionAgain()
    {
        await WriteAsync("old", "4915100000001", "v1");
        var sut = Feed(pageSize: 10);
        var position = await sut.CurrentPositionAsync(CancellationToken.None);

        var pages = await PagesAsync(sut.ReadChangesAsync(position, CancellationToken.None));

        var page = Assert.Single(pages);
        Assert.Empty(page.Items);
        Assert.NotNull(page.Continuation);
    }

    private ContainerFeed Feed(int pageSize) =>
        new(container, new RequestUnitBudget(1_000_000, TimeProvider.System), statistics, pageSize, TimeProvider.System);

    private Task WriteAsync(string id, string waId, string version) =>
        container.UpsertItemAsync(new JObject { ["id"] = id, ["wa_id"] = waId, ["version"] = version }, new PartitionKey(waId));

    private static async Task<List<FeedPage>> PagesAsync(IAsyncEnumerable<FeedPage> pages)
    {
        var all = new List<FeedPage>();
        await foreach (var page in pages)
        {
            all.Add(page);
        }

        return all;
    }

    private static string Id(CanonicalItem item)
    {
        using var document = System.Text.Json.JsonDocument.Parse(item.Json);
        return document.RootElement.GetProperty("id").GetString()!;
    }
}

using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

namespace AstroBot.Continuity.Tests.Data;

/// <summary>
/// The emulator's several partition key ranges (eng/cosmosdb-change-feed.js): a database whose id starts with
/// "ranges3-" has containers of 3 ranges, read range by range through the real SDK; a database per test.
/// </summary>
public sealed class EmulatorFeedRangeTests : IAsyncLifetime
{
    private const int RangeCount = 3;

    private readonly CosmosTestDatabase database = new();
    private readonly string rangesDatabaseName = $"ranges{RangeCount}-{EmulatorEndpoints.UniqueName("feedranges")}";
    private Container container = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var created = await database.Client.CreateDatabaseIfNotExistsAsync(rangesDatabaseName);
        container = (await created.Database.CreateContainerIfNotExistsAsync(new ContainerProperties("items", "/wa_id"))).Container;
    }

    public async Task DisposeAsync()
    {
        await database.Client.GetDatabase(rangesDatabaseName).DeleteAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task GetFeedRangesAsync_RangesDatabase_GivesContiguousRangesFromStartToEnd()
    {
        var sut = container;

        var ranges = await sut.GetFeedRangesAsync();

        Assert.True(ranges.Count == RangeCount, $"{ranges.Count} ranges, expected {RangeCount}: is the emulator older than the feed ranges of eng/cosmosdb-change-feed.js? Restart it (eng/emulators down, then up).");
        var bounds = ranges.Select(Bounds).OrderBy(bound => bound.Min, StringComparer.Ordinal).ToList();
        Assert.Equal(string.Empty, bounds[0].Min);
        Assert.Equal("FF", bounds[^1].Max);
        Assert.All(bounds.Zip(bounds.Skip(1)), pair => Assert.Equal(pair.First.Max, pair.Second.Min));
    }

    [Fact]
    public async Task GetFeedRangesAsync_DatabaseWithoutPrefix_GivesOneRange()
    {
        var created = await database.Client.CreateDatabaseIfNotExistsAsync(database.Options.DatabaseName);
        var sut = (await created.Database.CreateContainerIfNotExistsAsync(new ContainerProperties("items", "/wa_id"))).Container;

        var ranges = await sut.GetFeedRangesAsync();

        Assert.Equal((string.Empty, "FF"), Bounds(Assert.Single(ranges)));
    }

    [Fact]
    public async Task GetItemQueryStreamIterator_EveryRangeInSmallPages_GivesEachItemOnceAndEveryRangeSome()
    {
        var written = await WriteAsync("item", 60);
        var sut = container;
        var ranges = await sut.GetFeedRangesAsync();

        // In parallel, as backups read, and each page from a new iterator resumed at the last continuation.
        var perRange = await Task.WhenAll(ranges.Select(range => ReadRangeAsync(sut, range, pageSize: 7)));

        Assert.Equal(RangeCount, perRange.Length);
        Assert.All(perRange, read => Assert.NotEmpty(read.Ids));
        Assert.Contains(perRange, read => read.Pages >= 3);
        var ids = perRange.SelectMany(read => read.Ids).ToList();
        Assert.Equal(written.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetChangeFeedIterator_WholeContainerFromBeginningThenContinuation_GivesEveryChangeOnceThenOnlyNewOnes()
    {
        var first = await WriteAsync("first", 30);
        var sut = container;

        var (beginning, continuation) = await ReadChangesAsync(sut, ChangeFeedStartFrom.Beginning());
        var second = await WriteAsync("second", 12);
        var (after, _) = await ReadChangesAsync(sut, ChangeFeedStartFrom.ContinuationToken(continuation));

        Assert.Equal(first.Order(StringComparer.Ordinal), beginning.Order(StringComparer.Ordinal));
        Assert.Equal(second.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadItemAsync_RangesDatabase_StillReadsAndQueriesByPartitionKey()
    {
        await WriteAsync("item", 6);
        var sut = container;

        var read = await sut.ReadItemAsync<JObject>("item-4", new PartitionKey("wa-item-4"));
        using var query = sut.GetItemQueryIterator<JObject>(
            new QueryDefinition("SELECT * FROM c WHERE c.wa_id = @id").WithParameter("@id", "wa-item-2"),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("wa-item-2") });
        var queried = await query.ReadNextAsync();

        Assert.Equal("item-4", (string?)read.Resource["id"]);
        Assert.Equal("item-2", (string?)Assert.Single(queried)["id"]);
    }

    private async Task<List<string>> WriteAsync(string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // One partition key per item, so the items spread over the ranges.
            var item = new { id = $"{prefix}-{i}", wa_id = $"wa-{prefix}-{i}" };
            await container.UpsertItemAsync(item, new PartitionKey(item.wa_id));
            ids.Add(item.id);
        }

        return ids;
    }

    private static async Task<(List<string> Ids, int Pages)> ReadRangeAsync(Container container, FeedRange range, int pageSize)
    {
        var ids = new List<string>();
        var pages = 0;
        string? continuation = null;
        do
        {
            using var feed = container.GetItemQueryStreamIterator(range, null, continuation, new QueryRequestOptions { MaxItemCount = pageSize });
            using var response = await feed.ReadNextAsync();
            response.EnsureSuccessStatusCode();
            using var page = await JsonDocument.ParseAsync(response.Content);
            var documents = page.RootElement.GetProperty("Documents").EnumerateArray().ToList();
            Assert.InRange(documents.Count, 0, pageSize);
            ids.AddRange(documents.Select(document => document.GetProperty("id").GetString()!));
            pages++;
            continuation = response.ContinuationToken;
        }
        while (continuation is not null);

        return (ids, pages);
    }

    private static async Task<(List<string> Ids, string Continuation)> ReadChangesAsync(Container container, ChangeFeedStartFrom start)
    {
        var ids = new List<string>();
        var feed = container.GetChangeFeedIterator<JObject>(start, ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 5 });
        while (true)
        {
            var page = await feed.ReadNextAsync();
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                return (ids, page.ContinuationToken);
            }

            ids.AddRange(page.Select(item => (string)item["id"]!));
        }
    }

    private static (string Min, string Max) Bounds(FeedRange range)
    {
        using var json = JsonDocument.Parse(range.ToJsonString());
        var bounds = json.RootElement.GetProperty("Range");
        return (bounds.GetProperty("min").GetString()!, bounds.GetProperty("max").GetString()!);
    }
}

using System.Net;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Data.Documents;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Tests.Data;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json;

namespace AstroBot.Continuity.Local.Tests.Data.Seed;

public sealed class SeedWriterTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private CosmosTestDatabase Database => seeded.Database;

    private Dictionary<string, long> ExpectedCounts() =>
        seeded.Expected.SelectMany(user => user.Documents)
            .GroupBy(document => BotDataModel.ContainerFor(document.Type).Name)
            .ToDictionary(group => group.Key, group => (long)group.Count());

    [Fact]
    public void WriteAsync_NewDatabase_ReportsExpectedCountsPerContainer()
    {
        var sut = seeded.FirstRun;

        Assert.Equal(ExpectedCounts().OrderBy(pair => pair.Key), sut.ItemsPerContainer.OrderBy(pair => pair.Key));
        Assert.Equal(SeededDatabase.Request.Users, sut.ItemsPerContainer["accounts"]);
        Assert.Equal(SeededDatabase.Request.Users * SeededDatabase.Request.ReadingsPerUser, sut.ItemsPerContainer["readings"]);
        Assert.True(sut.RequestCharge > 0);
        Assert.False(sut.BulkExecution); // a loopback emulator gets point writes: cosmosdb-server has no batch API
    }

    [Fact]
    public void WriteAsync_NewDatabase_ReportsFinalProgress()
    {
        var sut = seeded.Progress.Last();

        Assert.Equal(seeded.FirstRun.TotalItems, sut.ItemsWritten);
    }

    [Fact]
    public async Task WriteAsync_NewDatabase_EveryDocumentReadableThroughTheReadFeed()
    {
        await AssertStoredAsync<AccountDocument>(BotDataModel.Accounts, user => [user.Account]);
        await AssertStoredAsync<ProfileDocument>(BotDataModel.Profiles, user => user.Profiles);
        await AssertStoredAsync<PreferencesDocument>(BotDataModel.Preferences, user => [user.Preferences]);
        await AssertStoredAsync<SubscriptionDocument>(BotDataModel.Subscriptions, user => user.Subscriptions);
        await AssertStoredAsync<ReadingDocument>(BotDataModel.Readings, user => user.Readings);
        await AssertStoredAsync<MessageDocument>(BotDataModel.Messages, user => user.Messages);
    }

    [Fact]
    public async Task WriteAsync_NewDatabase_UserDocumentsFoundBySinglePartitionQuery()
    {
        var user = seeded.Expected[3];
        // cosmosdb-server answers "missing partition keys" unless the filter names the partition key itself.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.wa_id = @waId AND c.type = @type")
            .WithParameter("@waId", user.WaId)
            .WithParameter("@type", DocumentTypes.Reading);
        var readings = new List<ReadingDocument>();

        using var feed = Database.Container(BotDataModel.Readings.Name).GetItemQueryIterator<ReadingDocument>(
            query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(user.WaId) });
        while (feed.HasMoreResults)
        {
            readings.AddRange(await feed.ReadNextAsync());
        }

        Assert.Equal(user.Readings.Select(reading => reading.Id).Order(), readings.Select(reading => reading.Id).Order());
    }

    [Fact]
    public async Task WriteAsync_NewDatabase_ReadingReferencesResolve()
    {
        var readings = await Database.ReadFeedAsync<ReadingDocument>(BotDataModel.Readings.Name);
        var profiles = Database.Container(BotDataModel.Profiles.Name);

        foreach (var reading in readings)
        {
            await profiles.ReadItemAsync<ProfileDocument>(reading.ProfileId, new PartitionKey(reading.WaId));
            if (reading.Kind == ReadingKind.Compatibility)
            {
                var partner = await profiles.ReadItemAsync<ProfileDocument>(reading.PartnerProfileId, new PartitionKey(reading.PartnerWaId));
                Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
            }
        }

        Assert.Contains(readings, reading => reading.Kind == ReadingKind.Compatibility);
    }

    [Fact]
    public async Task WriteAsync_SameRequestAgain_LeavesCountsUnchanged()
    {
        var sut = seeded.CreateWriter();

        var again = await sut.WriteAsync(SeededDatabase.Request, progress: null, CancellationToken.None);

        Assert.Equal(seeded.FirstRun.ItemsPerContainer.OrderBy(pair => pair.Key), again.ItemsPerContainer.OrderBy(pair => pair.Key));
        foreach (var container in BotDataModel.Containers)
        {
            var stored = await Database.ReadFeedAsync<object>(container.Name);
            Assert.Equal(seeded.FirstRun.ItemsPerContainer[container.Name], stored.Count);
        }
    }

    [Fact]
    public async Task WriteAsync_Cancelled_Throws()
    {
        var sut = seeded.CreateWriter();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sut.WriteAsync(SeededDatabase.Request, progress: null, cancellation.Token));
    }

    private async Task AssertStoredAsync<T>(ContainerDefinition container, Func<UserDataSet, IEnumerable<T>> expected)
        where T : BotDocument
    {
        var stored = await Database.ReadFeedAsync<T>(container.Name);

        Assert.Equal(
            seeded.Expected.SelectMany(expected).Select(Json).Order(StringComparer.Ordinal),
            stored.Select(Json).Order(StringComparer.Ordinal));
    }

    private static string Json(BotDocument document) => JsonConvert.SerializeObject(document);
}

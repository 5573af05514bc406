using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.WhatsApp.Outbox;

public sealed class ReplyOutboxTests : IAsyncLifetime
{
    private const string Alice = "15550003001";
    private const string Bob = "15550003002";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly OutboxOptions options = new() { TableName = EmulatorEndpoints.UniqueName("outbox") };
    private readonly ReplyOutbox sut;

    public ReplyOutboxTests() => sut = new ReplyOutbox(storage, Options.Create(options), time);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => storage.Tables.DeleteTableAsync(options.TableName);

    [Fact]
    public async Task AppendIfWaitingAsync_NothingWaitsAndNoTableYet_AppendsNothing()
    {
        var appended = await sut.AppendIfWaitingAsync(Alice, Text(Alice, "hi"), time.GetUtcNow(), CancellationToken.None);

        Assert.False(appended);
        Assert.Equal(0, (await sut.ReadStatusAsync(CancellationToken.None)).WaitingReplies);
    }

    [Fact]
    public async Task AppendAsync_NoTableYet_CreatesItAndKeepsTheReply()
    {
        await sut.AppendAsync(Alice, Text(Alice, "first"), null, CancellationToken.None);

        Assert.True(await sut.AppendIfWaitingAsync(Alice, Text(Alice, "second"), null, CancellationToken.None));
        Assert.Equal(["first", "second"], await TextsAsync(Alice));
    }

    [Fact]
    public async Task AppendAsync_ClockBehindTheLastAppend_StillGoesBehindIt()
    {
        await sut.AppendAsync(Alice, Text(Alice, "from the region whose clock is ahead"), null, CancellationToken.None);
        var behind = new ReplyOutbox(storage, Options.Create(options), new FakeTimeProvider(time.GetUtcNow().AddMinutes(-5)));

        await behind.AppendAsync(Alice, Text(Alice, "from the region whose clock is behind"), null, CancellationToken.None);

        Assert.Equal(["from the region whose clock is ahead", "from the region whose clock is behind"], await TextsAsync(Alice));
    }

    [Fact]
    public async Task ReadStatusAsync_TwoUsersWaiting_CountsRepliesUsersAndTheOldestAge()
    {
        await sut.AppendAsync(Alice, Text(Alice, "a1"), null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3));
        await sut.AppendAsync(Bob, Text(Bob, "b1"), null, CancellationToken.None);
        await sut.AppendAsync(Alice, Text(Alice, "a2"), null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));

        var status = await sut.ReadStatusAsync(CancellationToken.None);

        Assert.Equal((3L, 2, TimeSpan.FromMinutes(5), 0L), (status.WaitingReplies, status.UsersWaiting, status.OldestWaitingAge, status.ParkedReplies));
        Assert.Equal(options.TableName, status.Table);
    }

    [Fact]
    public async Task Keys_AreThePseudonymNeverThePhoneNumber()
    {
        await sut.AppendAsync(Alice, Text(Alice, "hi"), null, CancellationToken.None);

        var rows = await storage.Tables.GetTableClient(options.TableName).QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();

        var row = Assert.Single(rows);
        Assert.Equal(UserReferences.For(Alice), row.PartitionKey);
        Assert.DoesNotContain(Alice, row.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscardAsync_UserWithWaitingAndParkedReplies_DeletesThemAllAndNobodyElses()
    {
        await sut.AppendAsync(Alice, Text(Alice, "a1"), null, CancellationToken.None);
        await sut.AppendAsync(Alice, Text(Alice, "a2"), null, CancellationToken.None);
        await sut.ParkAsync((await sut.ReadWaitingAsync(OutboxKeys.PartitionOf(Alice), 1, CancellationToken.None))[0], "test", CancellationToken.None);
        await sut.AppendAsync(Bob, Text(Bob, "b1"), null, CancellationToken.None);

        var deleted = await sut.DiscardAsync(Alice, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Empty(await TextsAsync(Alice));
        Assert.Equal(["b1"], await TextsAsync(Bob));
        Assert.Equal(0, (await sut.ReadStatusAsync(CancellationToken.None)).ParkedReplies);
    }

    private async Task<IReadOnlyList<string>> TextsAsync(string userKey) =>
        [.. (await sut.ReadWaitingAsync(OutboxKeys.PartitionOf(userKey), 100, CancellationToken.None)).Select(entry => ((TextMessage)entry.ReadMessage()).Body)];

    private static TextMessage Text(string to, string body) => new(MessageRecipient.ToPhone(to), body);
}

using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.WhatsApp.Outbox;

public sealed class OutboxLeasesTests : IAsyncLifetime
{
    private static readonly string Partition = OutboxKeys.PartitionOf("15550003101");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly OutboxOptions options = new() { TableName = EmulatorEndpoints.UniqueName("outboxleases"), LeaseDuration = TimeSpan.FromMinutes(5) };
    private readonly OutboxLeases sut;

    public OutboxLeasesTests() => sut = new OutboxLeases(storage, Options.Create(options), time);

    public Task InitializeAsync() => storage.Tables.GetTableClient(options.TableName).CreateIfNotExistsAsync();

    public Task DisposeAsync() => storage.Tables.DeleteTableAsync(options.TableName);

    [Fact]
    public async Task TryTakeAsync_HeldByAnother_IsRefusedUntilItLapses()
    {
        Assert.True(await sut.TryTakeAsync(Partition, "east", CancellationToken.None));

        Assert.False(await sut.TryTakeAsync(Partition, "west", CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await sut.TryTakeAsync(Partition, "west", CancellationToken.None));
        Assert.False(await sut.TryTakeAsync(Partition, "east", CancellationToken.None));
    }

    [Fact]
    public async Task TryTakeAsync_ByItsHolder_RenewsIt()
    {
        await sut.TryTakeAsync(Partition, "east", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));

        Assert.True(await sut.TryTakeAsync(Partition, "east", CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(await sut.TryTakeAsync(Partition, "west", CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_ByItsHolder_FreesItAtOnceButNotByAnother()
    {
        await sut.TryTakeAsync(Partition, "east", CancellationToken.None);

        await sut.ReleaseAsync(Partition, "west", CancellationToken.None);
        Assert.False(await sut.TryTakeAsync(Partition, "west", CancellationToken.None));
        await sut.ReleaseAsync(Partition, "east", CancellationToken.None);
        Assert.True(await sut.TryTakeAsync(Partition, "west", CancellationToken.None));
    }
}

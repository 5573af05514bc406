using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Hosting;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Tests.Hosting;

/// <summary>Against Azurite, each test with its own table.</summary>
public sealed class ScheduleLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset HalfPastThree = new(2027, 1, 11, 3, 30, 0, TimeSpan.Zero);

    private readonly string tableName = EmulatorEndpoints.UniqueName("schedules");
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private ScheduleLedger sut = null!;

    public Task InitializeAsync()
    {
        sut = new ScheduleLedger(storage, tableName);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await storage.Tables.DeleteTableAsync(tableName);

    [Fact]
    public async Task GetLastOccurrenceAsync_NoTableYet_CreatesItAndReturnsNull()
    {
        var last = await sut.GetLastOccurrenceAsync("BackupFull", CancellationToken.None);

        var tables = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync(table => table.Name == tableName))
        {
            tables.Add(table.Name);
        }

        Assert.Null(last);
        Assert.Equal([tableName], tables);
    }

    [Fact]
    public async Task RecordAsync_ThenGetLastOccurrenceAsync_ReturnsTheOccurrence()
    {
        await sut.RecordAsync("BackupFull", HalfPastThree, CancellationToken.None);

        Assert.Equal(HalfPastThree, await sut.GetLastOccurrenceAsync("BackupFull", CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_Again_ReplacesTheOccurrence()
    {
        await sut.RecordAsync("BackupFull", HalfPastThree, CancellationToken.None);
        await sut.RecordAsync("BackupFull", HalfPastThree.AddDays(1), CancellationToken.None);

        Assert.Equal(HalfPastThree.AddDays(1), await sut.GetLastOccurrenceAsync("BackupFull", CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_TwoJobs_KeepsOneRowPerJobUnderTheSchedulePartition()
    {
        await sut.RecordAsync("BackupFull", HalfPastThree, CancellationToken.None);
        await sut.RecordAsync("BackupPrune", HalfPastThree.AddHours(1), CancellationToken.None);

        var rows = storage.Tables.GetTableClient(tableName).QueryAsync<TableEntity>();
        var keys = new List<(string, string, DateTimeOffset?)>();
        await foreach (var row in rows)
        {
            keys.Add((row.PartitionKey, row.RowKey, row.GetDateTimeOffset("LastOccurrence")));
        }

        Assert.Equal([("schedule", "BackupFull", HalfPastThree), ("schedule", "BackupPrune", HalfPastThree.AddHours(1))], keys);
    }

    [Fact]
    public async Task GetLastOccurrenceAsync_StorageUnreachable_ThrowsAStorageFailure()
    {
        var unreachable = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.UnreachableStorageConnectionString }));
        var down = new ScheduleLedger(unreachable, tableName);

        var exception = await Record.ExceptionAsync(() => down.GetLastOccurrenceAsync("BackupFull", CancellationToken.None));

        Assert.NotNull(exception);
        Assert.True(StorageFailure.Is(exception), exception.GetType().Name);
    }
}

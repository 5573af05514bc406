using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Probe;

public sealed class ProbeRecordReaderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset February = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ProbeTable table = new(
        new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString })),
        Options.Create(new ProbeOptions { ProbeTableName = EmulatorEndpoints.UniqueName("probes") }));

    private ProbeRecordReader sut = null!;

    public Task InitializeAsync()
    {
        sut = new ProbeRecordReader(table);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await table.Client.DeleteAsync();

    [Fact]
    public async Task ReadAsync_AMonth_ReturnsItsRunsFromEveryRegionOldestFirst()
    {
        var before = await CompleteAsync(February.AddMilliseconds(-1), "region-a", up: true);
        var first = await CompleteAsync(February, "region-b", up: false);
        var firstOtherRegion = await CompleteAsync(February, "region-a", up: true);
        var middle = await CompleteAsync(February.AddDays(13).AddHours(7), "region-a", up: true);
        var last = await CompleteAsync(March.AddMilliseconds(-1), "region-b", up: true);
        var after = await CompleteAsync(March, "region-a", up: true);

        var records = await sut.ReadAsync(February, March, CancellationToken.None);

        Assert.Equal([firstOtherRegion, first, middle, last], records);
        Assert.DoesNotContain(before, records);
        Assert.DoesNotContain(after, records);
    }

    [Fact]
    public async Task ReadAsync_ARunStillWaiting_IsNotCompletedAndSaysSo()
    {
        var wamid = ProbeWamid.Create(February.AddHours(1));
        await table.StartAsync(wamid, February.AddHours(1), "region-a", CancellationToken.None);

        var record = Assert.Single(await sut.ReadAsync(February, March, CancellationToken.None));

        Assert.Equal(wamid, record.Wamid);
        Assert.False(record.Completed);
        Assert.False(record.Up);
        Assert.Contains("not completed", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ARowThatIsNoRun_IsLeftOut()
    {
        await CompleteAsync(February.AddHours(2), "region-a", up: true);
        await table.Client.AddEntityAsync(new TableEntity(ProbeTable.PartitionOf(February.AddHours(3)), "stray") { ["HandedOverAt"] = February });

        var records = await sut.ReadAsync(February, March, CancellationToken.None);

        Assert.Single(records);
    }

    [Fact]
    public async Task ReadAsync_NoTable_ReturnsNothing()
    {
        Assert.Empty(await sut.ReadAsync(February, March, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_AnEmptyOrBackwardRange_ReturnsNothing()
    {
        Assert.Empty(await sut.ReadAsync(March, February, CancellationToken.None));
        Assert.Empty(await sut.ReadAsync(March, March, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_MoreThanTheLongestRange_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.ReadAsync(February, February.AddDays(401), CancellationToken.None));
    }

    [Fact]
    public void Days_AMonthOf31Days_Is31PartitionQueries()
    {
        var january = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var days = ProbeRecordReader.Days(january, january.AddMonths(1)).ToList();

        Assert.Equal(31, days.Count);
        Assert.Equal(("20270101", "20270131"), (days[0], days[^1]));
    }

    [Fact]
    public void Days_WithinOneDay_IsThatDay()
    {
        Assert.Equal(["20270201"], ProbeRecordReader.Days(February.AddHours(3), February.AddHours(4)));
        Assert.Equal(["20270201", "20270202"], ProbeRecordReader.Days(February.AddHours(23), February.AddHours(25)));
    }

    private async Task<ProbeRecord> CompleteAsync(DateTimeOffset sentAt, string region, bool up)
    {
        var wamid = ProbeWamid.Create(sentAt);
        await table.StartAsync(wamid, sentAt, region, CancellationToken.None);
        if (up)
        {
            await table.MarkHandedOverAsync(ProbeTable.PartitionOf(sentAt), wamid, region, sentAt.AddMilliseconds(900), CancellationToken.None);
        }

        var record = up
            ? new ProbeRecord(wamid, sentAt, region, true, true, 200, 120, true, 900, region, true, null)
            : new ProbeRecord(wamid, sentAt, region, true, false, null, 30_000, false, null, null, false, "no answer from the endpoint within 30 s");
        await table.CompleteAsync(record, CancellationToken.None);
        return record;
    }
}

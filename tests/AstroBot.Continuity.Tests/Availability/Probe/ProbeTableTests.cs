using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Probe;

public sealed class ProbeTableTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SentAt = new(2027, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly ProbeTable sut = new(
        new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString })),
        Options.Create(new ProbeOptions { ProbeTableName = EmulatorEndpoints.UniqueName("probes") }));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await sut.Client.DeleteAsync();

    [Fact]
    public void PartitionOf_IsTheUtcDay()
    {
        Assert.Equal("20270314", ProbeTable.PartitionOf(SentAt));
        Assert.Equal("20270315", ProbeTable.PartitionOf(new DateTimeOffset(2027, 3, 14, 22, 0, 0, TimeSpan.FromHours(-3))));
    }

    [Fact]
    public async Task MarkHandedOverAsync_NoTableYet_IsUnknownAndCreatesNothing()
    {
        var wamid = ProbeWamid.Create(SentAt);

        var mark = await sut.MarkHandedOverAsync(ProbeTable.PartitionOf(SentAt), wamid, "region-a", SentAt, CancellationToken.None);

        Assert.Equal(ProbeMarkResult.UnknownRun, mark);
        Assert.Empty(await sut.ReadDayAsync(ProbeTable.PartitionOf(SentAt), CancellationToken.None));
    }

    [Fact]
    public async Task MarkHandedOverAsync_NoRunSentIt_IsUnknownAndWritesNothing()
    {
        await sut.StartAsync(ProbeWamid.Create(SentAt), SentAt, "region-a", CancellationToken.None);
        var forged = ProbeWamid.Create(SentAt);

        var mark = await sut.MarkHandedOverAsync(ProbeTable.PartitionOf(SentAt), forged, "region-a", SentAt, CancellationToken.None);

        Assert.Equal(ProbeMarkResult.UnknownRun, mark);
        Assert.Single(await sut.ReadDayAsync(ProbeTable.PartitionOf(SentAt), CancellationToken.None));
    }

    [Fact]
    public async Task MarkHandedOverAsync_Twice_TheFirstMarkStands()
    {
        var wamid = ProbeWamid.Create(SentAt);
        await sut.StartAsync(wamid, SentAt, "region-a", CancellationToken.None);

        var first = await sut.MarkHandedOverAsync(ProbeTable.PartitionOf(SentAt), wamid, "region-a", SentAt.AddSeconds(1), CancellationToken.None);
        var second = await sut.MarkHandedOverAsync(ProbeTable.PartitionOf(SentAt), wamid, "region-b", SentAt.AddSeconds(9), CancellationToken.None);

        Assert.Equal((ProbeMarkResult.Recorded, ProbeMarkResult.AlreadyMarked), (first, second));
        Assert.Equal(new ProbeHandOver(SentAt.AddSeconds(1), "region-a"), await sut.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_AfterTheMark_KeepsIt()
    {
        var wamid = ProbeWamid.Create(SentAt);
        await sut.StartAsync(wamid, SentAt, "region-a", CancellationToken.None);
        await sut.MarkHandedOverAsync(ProbeTable.PartitionOf(SentAt), wamid, "region-b", SentAt.AddSeconds(2), CancellationToken.None);

        await sut.CompleteAsync(
            new ProbeRecord(wamid, SentAt, "region-a", true, true, 200, 150, true, 2000, "region-b", true, null), CancellationToken.None);

        var row = Assert.Single(await sut.ReadDayAsync(ProbeTable.PartitionOf(SentAt), CancellationToken.None));
        Assert.Equal(
            new ProbeRecord(wamid, SentAt, "region-a", true, true, 200, 150, true, 2000, "region-b", true, null),
            ProbeRecordReader.ToRecord(row));
        Assert.Equal(SentAt.AddSeconds(2), row.GetDateTimeOffset(ProbeTable.HandedOverAtField));
    }

    [Fact]
    public async Task GetHandOverAsync_BeforeAnyInbox_IsNull()
    {
        var wamid = ProbeWamid.Create(SentAt);
        await sut.StartAsync(wamid, SentAt, "region-a", CancellationToken.None);

        Assert.Null(await sut.GetHandOverAsync(wamid, SentAt, CancellationToken.None));
    }
}

using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Availability.Probe;

/// <summary>The daily prune of the probe table, against Azurite with a fake clock.</summary>
public sealed class ProbeRecordPruneJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2028, 3, 10, 4, 30, 0, TimeSpan.Zero);

    private readonly ProbeOptions options = new() { ProbeTableName = EmulatorEndpoints.UniqueName("probes") };
    private readonly ProbeTable table;
    private readonly ProbeRecordPruneJob sut;

    public ProbeRecordPruneJobTests()
    {
        table = new ProbeTable(new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString })), Options.Create(options));
        sut = new ProbeRecordPruneJob(table, Options.Create(options), new FakeTimeProvider(Now), NullLogger<ProbeRecordPruneJob>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await table.Client.DeleteAsync();

    [Fact]
    public async Task PruneAsync_DaysOlderThanTheRetention_AreDeletedWholeAndTheRestKept()
    {
        var cutoff = Now - options.ProbeRetention; // 400 days: 5 February 2027, 04:30
        var oldDay = cutoff.AddDays(-1);
        for (var run = 0; run < 130; run++) // more than one transaction's 100 rows
        {
            await StartAsync(oldDay.AddMinutes(run));
        }

        await StartAsync(cutoff.AddDays(-3), "region-b");
        var sameDayAsCutoff = await StartAsync(cutoff.AddHours(-4)); // the cutoff's own day is kept whole
        var recent = await StartAsync(Now.AddDays(-1));

        var deleted = await sut.PruneAsync(CancellationToken.None);

        Assert.Equal(131, deleted);
        var reader = new ProbeRecordReader(table);
        Assert.Equal([sameDayAsCutoff], (await reader.ReadAsync(cutoff.AddDays(-10), cutoff.AddDays(10), CancellationToken.None)).Select(record => record.Wamid));
        Assert.Equal([recent], (await reader.ReadAsync(Now.AddDays(-10), Now, CancellationToken.None)).Select(record => record.Wamid));
        Assert.Equal(0, await sut.PruneAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PruneAsync_NoTable_DeletesNothing()
    {
        Assert.Equal(0, await sut.PruneAsync(CancellationToken.None));
    }

    [Fact]
    public void Schedule_IsTheDailyPruneSetting()
    {
        Assert.Equal(("AvailabilityProbePrune", "AvailabilityProbePruneSchedule", false), (sut.Name, sut.Schedule.SettingName, sut.CatchUpMissedRun));
    }

    private async Task<string> StartAsync(DateTimeOffset sentAt, string region = "region-a")
    {
        var wamid = ProbeWamid.Create(sentAt);
        await table.StartAsync(wamid, sentAt, region, CancellationToken.None);
        return wamid;
    }
}

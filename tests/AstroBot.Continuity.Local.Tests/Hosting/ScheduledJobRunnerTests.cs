using System.Diagnostics;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Hosting;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Local.Tests.Hosting;

/// <summary>On a fake clock; the ledger against Azurite, each test with its own table.</summary>
public sealed class ScheduledJobRunnerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset BeforeHalfPastThree = new(2027, 1, 11, 3, 29, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HalfPastThree = BeforeHalfPastThree.AddMinutes(1);
    private static readonly ScheduleSetting EveryMinute = new("RecordingSchedule", "0 * * * * *");

    private readonly string tableName = EmulatorEndpoints.UniqueName("schedules");
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly RecordingLogger<ScheduledJobRunner> log = new();
    private ScheduleLedger ledger = null!;

    public Task InitializeAsync()
    {
        ledger = new ScheduleLedger(storage, tableName);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await storage.Tables.DeleteTableAsync(tableName);

    [Fact]
    public async Task ExecuteAsync_ClockReachesTheSchedule_RunsTheJobThen()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        var run = Assert.Single(job.Runs);
        Assert.InRange(run, HalfPastThree, HalfPastThree.AddMinutes(1));
    }

    [Fact]
    public async Task ExecuteAsync_JobFails_RunsAgainAtTheNextOccurrence()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, EveryMinute) { FailEveryRun = true };
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 2);
        await sut.StopAsync(CancellationToken.None);

        Assert.True(job.Runs[1] - job.Runs[0] >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task ExecuteAsync_BeforeTheSchedule_DoesNotRun()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilScheduledAsync();
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        await sut.StopAsync(CancellationToken.None);

        Assert.Empty(job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_ScheduleSettingConfigured_RunsOnTheConfiguredSchedule()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, new ScheduleSetting("RecordingSchedule", "0 30 3 * * *"));
        using var sut = Runner(job, time, Configuration("RecordingSchedule", "0 0 4 * * *"));

        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1, step: TimeSpan.FromMinutes(1));
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal(HalfPastThree.AddMinutes(30), Assert.Single(job.Runs));
    }

    [Fact]
    public async Task StartAsync_ScheduleSettingInvalid_ThrowsNamingTheSetting()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, EveryMinute);
        using var sut = Runner(job, time, Configuration("RecordingSchedule", "every minute"));

        var exception = await Assert.ThrowsAsync<FormatException>(() => sut.StartAsync(CancellationToken.None));

        Assert.Contains("RecordingSchedule", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_LastOccurrenceMissed_CatchesUpOnceAtStartThenKeepsTheSchedule()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        await ledger.RecordAsync(job.Name, HalfPastThree.AddDays(-2), CancellationToken.None);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilScheduledAsync();
        Assert.Equal([BeforeHalfPastThree], job.Runs);
        Assert.True(log.Logged(nameof(LogMessages.ScheduledJobCatchingUp)));
        Assert.Equal(HalfPastThree.AddDays(-1), await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));

        await AdvanceUntilAsync(time, () => job.Runs.Count >= 2);
        await WaitUntilAsync(async () => await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None) == HalfPastThree, "the run was not recorded");
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([BeforeHalfPastThree, HalfPastThree], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_NeverRan_RunsOnceAtStart()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilScheduledAsync();
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([BeforeHalfPastThree], job.Runs);
        Assert.Equal(HalfPastThree.AddDays(-1), await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_LedgerUpToDate_DoesNotCatchUp()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        await ledger.RecordAsync(job.Name, HalfPastThree.AddDays(-1), CancellationToken.None);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilScheduledAsync();
        await sut.StopAsync(CancellationToken.None);

        Assert.Empty(job.Runs);
        Assert.False(log.Logged(nameof(LogMessages.ScheduledJobCatchingUp)));
    }

    [Fact]
    public async Task ExecuteAsync_JobDoesNotAskForCatchUp_WaitsForTheNextOccurrence()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        await ledger.RecordAsync(job.Name, HalfPastThree.AddDays(-3), CancellationToken.None);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilScheduledAsync();
        Assert.Empty(job.Runs);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree], job.Runs);
        Assert.Equal(HalfPastThree.AddDays(-3), await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_LedgerUnreachable_WarnsAndRunsOnSchedule()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        var unreachable = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.UnreachableStorageConnectionString }));
        using var sut = Runner(job, time, ledger: new ScheduleLedger(unreachable, tableName));

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilScheduledAsync();
        Assert.True(log.Logged(nameof(LogMessages.ScheduleLedgerUnreadable)));
        Assert.Empty(job.Runs);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_ClockJumpsForwardPastSeveralOccurrences_RunsTheDueOccurrenceOnce()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);
        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);

        time.Advance(TimeSpan.FromDays(3));
        await WaitUntilAsync(() => Task.FromResult(job.Runs.Count >= 2), "the due occurrence did not run after the jump");
        await Task.Delay(200);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree, HalfPastThree.AddDays(3)], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_ClockJumpsBackward_DoesNotRerunAnOccurrence()
    {
        var elapsed = new FakeTimeProvider(BeforeHalfPastThree);
        var time = new WallClock(elapsed);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);
        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(elapsed, () => job.Runs.Count >= 1);

        // Back an hour, then two hours on: the wall clock passes 03:30 again.
        time.Offset = TimeSpan.FromHours(-1);
        for (var minute = 0; minute < 120; minute++)
        {
            elapsed.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5);
        }

        Assert.Equal([HalfPastThree], job.Runs);

        // The next day's occurrence still runs, on the wall clock.
        await AdvanceUntilAsync(elapsed, () => job.Runs.Count >= 2, step: TimeSpan.FromHours(1));
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree, HalfPastThree.AddDays(1)], job.Runs);
    }

    private ScheduledJobRunner Runner(IScheduledJob job, TimeProvider time, IConfiguration? configuration = null, ScheduleLedger? ledger = null) =>
        new([job], ledger ?? this.ledger, configuration ?? Configuration(), time, log);

    private static IConfiguration Configuration(string? key = null, string? value = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(key is null ? [] : new Dictionary<string, string?> { [key] = value })
            .Build();

    // The runner logs its schedule once it has decided about catching up: from then on only the clock moves it.
    private Task WaitUntilScheduledAsync() =>
        WaitUntilAsync(() => Task.FromResult(log.Logged(nameof(LogMessages.ScheduledJobScheduled))), "the runner never scheduled the job");

    // The runner arms its timer asynchronously: step the fake clock until the condition holds (bounded).
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, TimeSpan? step = null)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            time.Advance(step ?? TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        Assert.True(condition(), "the scheduled job did not run");
    }

    // Real time, for what does not wait on the fake clock (storage calls, including the SDK's retries).
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.True(await condition(), failure);
    }
}

using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Hosting;
using AstroBot.Continuity.Tests.Backup.Runs;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Tests.Hosting;

/// <summary>
/// On a fake clock that says who waits on it; the ledger against Azurite, each test with its own table. The runner's
/// loop either works (a run, a ledger call) or waits on the clock for its next wake-up, and it arms that wait only
/// after the work: once it waits again (<see cref="WaitingOnTheClockAsync"/>), whatever the clock made due has run,
/// and nothing can run until the clock moves. So a test shows that a job did not run without waiting to see.
/// </summary>
public sealed class ScheduledJobRunnerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset BeforeHalfPastThree = new(2027, 1, 11, 3, 29, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HalfPastThree = BeforeHalfPastThree.AddMinutes(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
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
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_JobFails_RunsAgainAtTheNextOccurrence()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, EveryMinute) { FailEveryRun = true };
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 2);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree, HalfPastThree.AddMinutes(1)], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_BeforeTheSchedule_DoesNotRun()
    {
        // Two minutes before: the runner wakes once on the way (it waits a minute at most) and must go back to waiting.
        var time = new WatchedClock(HalfPastThree.AddMinutes(-2));
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitingOnTheClockAsync(time);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitingOnTheClockAsync(time);
        time.Advance(TimeSpan.FromSeconds(59));
        await WaitingOnTheClockAsync(time);

        // Waiting again after each move of the clock: anything it made due has run by now.
        Assert.Empty(job.Runs);

        // The opposite, so the test can tell: one second later it runs.
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitingOnTheClockAsync(time);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_ScheduleSettingConfigured_RunsOnTheConfiguredSchedule()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
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
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, EveryMinute);
        using var sut = Runner(job, time, Configuration("RecordingSchedule", "every minute"));

        var exception = await Assert.ThrowsAsync<FormatException>(() => sut.StartAsync(CancellationToken.None));

        Assert.Contains("RecordingSchedule", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_LastOccurrenceMissed_CatchesUpOnceAtStartThenKeepsTheSchedule()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        await ledger.RecordAsync(job.Name, HalfPastThree.AddDays(-2), CancellationToken.None);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitingOnTheClockAsync(time);
        Assert.Equal([BeforeHalfPastThree], job.Runs);
        Assert.True(log.Logged(nameof(LogMessages.ScheduledJobCatchingUp)));
        Assert.Equal(HalfPastThree.AddDays(-1), await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));

        await AdvanceUntilAsync(time, () => job.Runs.Count >= 2);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([BeforeHalfPastThree, HalfPastThree], job.Runs);
        // Recorded before the runner waited on the clock again.
        Assert.Equal(HalfPastThree, await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_NeverRan_RunsOnceAtStart()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitingOnTheClockAsync(time);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([BeforeHalfPastThree], job.Runs);
        Assert.Equal(HalfPastThree.AddDays(-1), await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_LedgerUpToDate_DoesNotCatchUp()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        await ledger.RecordAsync(job.Name, HalfPastThree.AddDays(-1), CancellationToken.None);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitingOnTheClockAsync(time);
        await sut.StopAsync(CancellationToken.None);

        Assert.Empty(job.Runs);
        Assert.False(log.Logged(nameof(LogMessages.ScheduledJobCatchingUp)));
    }

    [Fact]
    public async Task ExecuteAsync_JobDoesNotAskForCatchUp_WaitsForTheNextOccurrence()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        await ledger.RecordAsync(job.Name, HalfPastThree.AddDays(-3), CancellationToken.None);
        using var sut = Runner(job, time);

        await sut.StartAsync(CancellationToken.None);
        await WaitingOnTheClockAsync(time);
        Assert.Empty(job.Runs);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree], job.Runs);
        Assert.Equal(HalfPastThree.AddDays(-3), await ledger.GetLastOccurrenceAsync(job.Name, CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_LedgerUnreachable_WarnsAndRunsOnSchedule()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune) { CatchUpMissedRun = true };
        var unreachable = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.UnreachableStorageConnectionString }));
        using var sut = Runner(job, time, ledger: new ScheduleLedger(unreachable, tableName));

        await sut.StartAsync(CancellationToken.None);
        await WaitingOnTheClockAsync(time);
        Assert.True(log.Logged(nameof(LogMessages.ScheduleLedgerUnreadable)));
        Assert.Empty(job.Runs);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_ClockJumpsForwardPastSeveralOccurrences_RunsTheDueOccurrenceOnce()
    {
        var time = new WatchedClock(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);
        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);

        time.Advance(TimeSpan.FromDays(3));
        // Waiting on the clock again: every occurrence the jump made due has run (or been skipped) by now.
        await WaitingOnTheClockAsync(time);
        await sut.StopAsync(CancellationToken.None);

        Assert.Equal([HalfPastThree, HalfPastThree.AddDays(3)], job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_ClockJumpsBackward_DoesNotRerunAnOccurrence()
    {
        var elapsed = new WatchedClock(BeforeHalfPastThree);
        var time = new WallClock(elapsed);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = Runner(job, time);
        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(elapsed, () => job.Runs.Count >= 1);

        // Back an hour, then two hours on, a minute at a time (the runner wakes every minute and looks at the wall
        // clock): the wall clock passes 03:30 again.
        time.Offset = TimeSpan.FromHours(-1);
        for (var minute = 0; minute < 120; minute++)
        {
            await WaitingOnTheClockAsync(elapsed);
            elapsed.Advance(TimeSpan.FromMinutes(1));
        }

        await WaitingOnTheClockAsync(elapsed);
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

    /// <summary>
    /// Until the runner's loop waits on the clock (the timer it arms for its next wake-up, a signal): it has decided
    /// about catching up, and has run, recorded or skipped whatever the clock made due. The bound only stops a broken
    /// test from hanging.
    /// </summary>
    private static Task WaitingOnTheClockAsync(WatchedClock time) => time.WhenAsync(clock => clock.WaitingTimers == 1, Bound);

    // Moves the fake clock a step at a time, each time once the runner waits on it, until the condition holds (bounded in steps).
    private static async Task AdvanceUntilAsync(WatchedClock time, Func<bool> condition, TimeSpan? step = null)
    {
        for (var i = 0; i < 400; i++)
        {
            await WaitingOnTheClockAsync(time);
            if (condition())
            {
                return;
            }

            time.Advance(step ?? TimeSpan.FromSeconds(5));
        }

        Assert.Fail("the scheduled job did not run");
    }
}

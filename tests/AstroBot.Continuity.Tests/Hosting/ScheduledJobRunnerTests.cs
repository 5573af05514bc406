using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Hosting;

public sealed class ScheduledJobRunnerTests
{
    private static readonly DateTimeOffset BeforeHalfPastThree = new(2027, 1, 11, 3, 29, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExecuteAsync_ClockReachesTheSchedule_RunsTheJobThen()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, Schedules.MessageLedgerPrune);
        using var sut = new ScheduledJobRunner([job], time, NullLogger<ScheduledJobRunner>.Instance);

        await sut.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(time, () => job.Runs.Count >= 1);
        await sut.StopAsync(CancellationToken.None);

        var run = Assert.Single(job.Runs);
        Assert.InRange(run, BeforeHalfPastThree.AddMinutes(1), BeforeHalfPastThree.AddMinutes(2));
    }

    [Fact]
    public async Task ExecuteAsync_JobFails_RunsAgainAtTheNextOccurrence()
    {
        var time = new FakeTimeProvider(BeforeHalfPastThree);
        var job = new RecordingJob(time, "0 * * * * *") { FailEveryRun = true };
        using var sut = new ScheduledJobRunner([job], time, NullLogger<ScheduledJobRunner>.Instance);

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
        using var sut = new ScheduledJobRunner([job], time, NullLogger<ScheduledJobRunner>.Instance);

        await sut.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        await sut.StopAsync(CancellationToken.None);

        Assert.Empty(job.Runs);
    }

    // The runner arms its timer asynchronously: step the fake clock until the condition holds (bounded).
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        for (var step = 0; step < 400 && !condition(); step++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        Assert.True(condition(), "the scheduled job did not run");
    }

    private sealed class RecordingJob(TimeProvider time, string schedule) : IScheduledJob
    {
        public List<DateTimeOffset> Runs { get; } = [];

        public bool FailEveryRun { get; init; }

        public string Name => "Recording";

        public string Schedule => schedule;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            lock (Runs)
            {
                Runs.Add(time.GetUtcNow());
            }

            return FailEveryRun ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
        }
    }
}

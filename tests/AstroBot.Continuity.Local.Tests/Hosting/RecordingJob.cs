using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Local.Tests.Hosting;

/// <summary>A scheduled job that records the clock's time at each run.</summary>
internal sealed class RecordingJob(TimeProvider time, ScheduleSetting schedule) : IScheduledJob
{
    private readonly List<DateTimeOffset> runs = [];

    public IReadOnlyList<DateTimeOffset> Runs
    {
        get
        {
            lock (runs)
            {
                return [.. runs];
            }
        }
    }

    public bool FailEveryRun { get; init; }

    public string Name => "Recording";

    public ScheduleSetting Schedule => schedule;

    public bool CatchUpMissedRun { get; init; }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        lock (runs)
        {
            runs.Add(time.GetUtcNow());
        }

        return FailEveryRun ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
    }
}

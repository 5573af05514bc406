using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Hosting;

/// <summary>
/// The local host's timer trigger: runs every <see cref="IScheduledJob"/> at the occurrences of its schedule,
/// on the clock of the injected <see cref="TimeProvider"/> (so a fake clock drives it in tests). A failed run is
/// logged and the job waits for its next occurrence, as a Functions timer does.
/// </summary>
public sealed class ScheduledJobRunner(IEnumerable<IScheduledJob> jobs, TimeProvider time, ILogger<ScheduledJobRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, stoppingToken)));

    private async Task RunOnScheduleAsync(IScheduledJob job, CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(job.Schedule, CronFormat.IncludeSeconds);
        var from = time.GetUtcNow();
        while (schedule.GetNextOccurrence(from, TimeZoneInfo.Utc) is { } next)
        {
            try
            {
                await Task.Delay(Max(next - time.GetUtcNow(), TimeSpan.Zero), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await RunOnceAsync(job, stoppingToken).ConfigureAwait(false);
            from = next;
        }
    }

    private async Task RunOnceAsync(IScheduledJob job, CancellationToken stoppingToken)
    {
        LogMessages.ScheduledJobStarting(logger, job.Name);
        try
        {
            await job.RunAsync(stoppingToken).ConfigureAwait(false);
            LogMessages.ScheduledJobCompleted(logger, job.Name);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogMessages.ScheduledJobFailed(logger, job.Name, exception);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

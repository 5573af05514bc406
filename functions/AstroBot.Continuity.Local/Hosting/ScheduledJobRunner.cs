using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local.Hosting;

/// <summary>
/// The local host's timer trigger: runs every <see cref="IScheduledJob"/> at the occurrences of its schedule, as
/// resolved from configuration (<see cref="ScheduleSetting.Resolve"/>), on the clock of the injected
/// <see cref="TimeProvider"/> (so a fake clock drives it in tests). A failed run is logged and the job waits for its
/// next occurrence, as a Functions timer does.
/// <para>
/// Missed runs mirror the Functions timer's <c>UseMonitor</c>, which keeps schedule status in storage and runs a
/// past-due occurrence at start-up: a job with <see cref="IScheduledJob.CatchUpMissedRun"/> runs once at start when
/// the <see cref="ScheduleLedger"/> says its most recent occurrence did not complete (or it never ran), and every
/// successful run of such a job records its occurrence there. A ledger that cannot be read or written costs only the
/// catch-up: a warning, and the job keeps its schedule.
/// </para>
/// <para>
/// Every wait is computed anew from the clock. When the clock passed several occurrences (it jumped forward, the
/// machine slept, a run outlasted the interval) the latest of them runs once; when it jumps backward, an occurrence
/// that already ran does not run again. Runs of one job never overlap: each job has one sequential loop.
/// </para>
/// </summary>
public sealed class ScheduledJobRunner(
    IEnumerable<IScheduledJob> jobs,
    ScheduleLedger ledger,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ScheduledJobRunner> logger) : BackgroundService
{
    // A timer measures elapsed time, not the wall clock (and stops while the machine sleeps): waking at least
    // this often notices a clock that moved. It also keeps a yearly schedule under Task.Delay's limit.
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private IReadOnlyList<(IScheduledJob Job, CronExpression Expression)> schedules = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved before anything runs, so a bad setting stops the host with the setting's name.
        schedules = [.. jobs.Select(job => (job, CronExpression.Parse(job.Schedule.Resolve(configuration), CronFormat.IncludeSeconds)))];
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(schedules.Select(schedule => RunOnScheduleAsync(schedule.Job, schedule.Expression, stoppingToken)));

    private async Task RunOnScheduleAsync(IScheduledJob job, CronExpression expression, CancellationToken stoppingToken)
    {
        // Every occurrence up to `done` has run or was deliberately skipped.
        var done = time.GetUtcNow();
        if (job.CatchUpMissedRun)
        {
            await CatchUpAsync(job, expression, done, stoppingToken).ConfigureAwait(false);
        }

        var next = expression.GetNextOccurrence(done, TimeZoneInfo.Utc);
        LogMessages.ScheduledJobScheduled(logger, job.Name, expression.ToString(), job.Schedule.SettingName, next);
        while (next is { } occurrence)
        {
            var now = time.GetUtcNow();
            if (occurrence > now)
            {
                if (!await DelayAsync(Min(occurrence - now, MaxWait), stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            // The clock passed one or more occurrences since `done`: run the latest of them, once.
            var due = expression.GetPreviousOccurrence(now, TimeZoneInfo.Utc, inclusive: true) ?? occurrence;
            await RunOnceAsync(job, due, stoppingToken).ConfigureAwait(false);
            done = due;
            next = expression.GetNextOccurrence(done, TimeZoneInfo.Utc);
        }
    }

    private async Task CatchUpAsync(IScheduledJob job, CronExpression expression, DateTimeOffset now, CancellationToken stoppingToken)
    {
        if (expression.GetPreviousOccurrence(now, TimeZoneInfo.Utc, inclusive: true) is not { } mostRecent)
        {
            return;
        }

        DateTimeOffset? lastCompleted;
        try
        {
            lastCompleted = await ledger.GetLastOccurrenceAsync(job.Name, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsLedgerFailure(exception, stoppingToken))
        {
            LogMessages.ScheduleLedgerUnreadable(logger, job.Name, exception.GetType().Name);
            return;
        }

        // No row: the job never ran here, and a first start should not wait a day for the first backup.
        if (lastCompleted is { } last && last >= mostRecent)
        {
            return;
        }

        LogMessages.ScheduledJobCatchingUp(logger, job.Name, mostRecent, lastCompleted);
        await RunOnceAsync(job, mostRecent, stoppingToken).ConfigureAwait(false);
    }

    private async Task RunOnceAsync(IScheduledJob job, DateTimeOffset occurrence, CancellationToken stoppingToken)
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
            return;
        }

        if (job.CatchUpMissedRun)
        {
            await RecordAsync(job, occurrence, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(IScheduledJob job, DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        try
        {
            await ledger.RecordAsync(job.Name, occurrence, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsLedgerFailure(exception, stoppingToken))
        {
            LogMessages.ScheduleLedgerNotWritten(logger, job.Name, occurrence, exception.GetType().Name);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // A storage timeout surfaces as a cancellation nobody asked for; the host stopping is not a ledger failure.
    private static bool IsLedgerFailure(Exception exception, CancellationToken stoppingToken) =>
        StorageFailure.Is(exception) || (exception is OperationCanceledException && !stoppingToken.IsCancellationRequested);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

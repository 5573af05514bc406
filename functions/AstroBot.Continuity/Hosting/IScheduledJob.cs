namespace AstroBot.Continuity.Hosting;

/// <summary>Work that runs on a schedule: a timer function in Azure, the local host's <c>ScheduledJobRunner</c> (AstroBot.Continuity.Local) locally.</summary>
public interface IScheduledJob
{
    /// <summary>The job's name, as the Functions app names its timer function.</summary>
    string Name { get; }

    /// <summary>One of <see cref="Schedules"/>.</summary>
    ScheduleSetting Schedule { get; }

    /// <summary>
    /// True when an occurrence missed while the host was down runs once at the next start (a daily backup);
    /// false when waiting for the next occurrence is fine (a prune). See the local host's <c>ScheduleLedger</c>.
    /// </summary>
    bool CatchUpMissedRun { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

namespace AstroBot.Continuity.Hosting;

/// <summary>Work that runs on a schedule: a timer function in Azure, <see cref="ScheduledJobRunner"/> locally.</summary>
public interface IScheduledJob
{
    /// <summary>The job's name, as the Functions app names its timer function.</summary>
    string Name { get; }

    /// <summary>One of <see cref="Schedules"/>.</summary>
    string Schedule { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Incidents;

/// <summary>
/// Every minute in each region: tells the users who wrote during a resolved incident that it is resolved
/// (<see cref="IncidentNoticeJob"/>). The schedule is the app setting <c>IncidentNoticesSchedule</c>, the one the local host
/// reads for the same job.
/// </summary>
public sealed class IncidentNoticesFunction(IncidentNoticeJob job)
{
    [Function("IncidentNotices")]
    public Task RunAsync([TimerTrigger(Schedules.IncidentNoticesTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.NotifyAsync(cancellationToken);
}

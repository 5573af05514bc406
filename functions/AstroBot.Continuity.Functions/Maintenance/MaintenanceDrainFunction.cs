using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Maintenance;

/// <summary>
/// Every 30 seconds in each region: once no maintenance window is active, processes what the region's held queue holds
/// (<see cref="MaintenanceDrainJob"/>). The schedule is the app setting <c>MaintenanceDrainSchedule</c>, the one the local
/// host reads for the same job. The timer's singleton lock keeps one run at a time per app, so held messages are taken
/// in order.
/// </summary>
public sealed class MaintenanceDrainFunction(MaintenanceDrainJob job)
{
    [Function("MaintenanceDrain")]
    public Task RunAsync([TimerTrigger(Schedules.MaintenanceDrainTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.DrainAsync(cancellationToken);
}

using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Local.Recovery;

/// <summary>
/// A schedule of the local scheduler that starts a drill (on the local host's in-memory Durable Task engine) and returns,
/// like the Functions app's timer of the same name; the outcome is in the drill history. A missed drill is not caught
/// up: <c>continuity dr status</c> shows it overdue instead.
/// </summary>
internal sealed class DrillScheduleJob(DrillKind kind, DrillOrchestrations drills, DurableTaskClient client) : IScheduledJob
{
    /// <summary>What the drill's record says started it.</summary>
    public const string StartedBy = "schedule";

    public string Name => DrillKinds.ScheduleOf(kind).SettingName.Replace("Schedule", string.Empty, StringComparison.Ordinal);

    public ScheduleSetting Schedule => DrillKinds.ScheduleOf(kind);

    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => drills.StartAsync(kind, StartedBy, client, cancellationToken);
}

using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Drills;

/// <summary>
/// The drill schedules as timer functions: each only starts its drill's orchestration. A missed occurrence is not caught
/// up (no schedule monitor), as in the local host: <c>continuity dr status</c> shows a drill overdue instead.
/// </summary>
public sealed class DrillTimerFunctions(DrillOrchestrations drills)
{
    private const string StartedBy = "schedule";

    [Function("RestoreDrill")]
    public Task RestoreAsync(
        [TimerTrigger(Schedules.RestoreDrillTrigger, UseMonitor = false)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        drills.StartAsync(DrillKind.Restore, StartedBy, client, cancellationToken);

    [Function("FailoverDrill")]
    public Task FailoverAsync(
        [TimerTrigger(Schedules.FailoverDrillTrigger, UseMonitor = false)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        drills.StartAsync(DrillKind.Failover, StartedBy, client, cancellationToken);

    /// <summary>Disabled by Bicep unless <c>grantNativeRestoreDrill</c> granted its roles (Hosting/Schedules.cs).</summary>
    [Function("NativeBackupDrill")]
    public Task NativeBackupAsync(
        [TimerTrigger(Schedules.NativeBackupDrillTrigger, UseMonitor = false)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        drills.StartAsync(DrillKind.NativeBackup, StartedBy, client, cancellationToken);
}

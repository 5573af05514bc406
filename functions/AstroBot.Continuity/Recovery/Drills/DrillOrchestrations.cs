using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;
using AstroBot.Continuity.Recovery.Drills.Restore;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// Starts a drill's orchestration with the host's own Durable Task client (the Functions app's <c>[DurableClient]</c>,
/// the local host's in-memory one), under the drill's id, once the gate let it in: what the HTTP starter and the
/// schedules do, and all they do.
/// </summary>
public sealed class DrillOrchestrations(DrillGate gate, DrillRecorder recorder)
{
    public static string OrchestratorOf(DrillKind kind) => kind switch
    {
        DrillKind.Restore => nameof(RestoreDrillOrchestrator),
        DrillKind.Failover => nameof(FailoverDrillOrchestrator),
        DrillKind.NativeBackup => nameof(NativeBackupDrillOrchestrator),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public Task<DrillStartResult> StartAsync(DrillKind kind, string startedBy, DurableTaskClient client, CancellationToken ct) =>
        StartAsync(kind, startedBy, client, clientSeesOtherDrills: true, ct);

    /// <param name="clientSeesOtherDrills">
    /// Whether <paramref name="client"/>'s task hub runs the drills other starts made (a host's own), so that a drill it does
    /// not know is gone. False for an engine of one process (<c>continuity drill run</c>): only <c>Recovery:DrillTimeout</c>
    /// then ends another's drill.
    /// </param>
    public async Task<DrillStartResult> StartAsync(DrillKind kind, string startedBy, DurableTaskClient client, bool clientSeesOtherDrills, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await gate.EnterAsync(
            kind, startedBy, clientSeesOtherDrills ? (drillId, token) => IsRunningAsync(client, drillId, token) : null, ct).ConfigureAwait(false);
        if (result.Started is not { } record)
        {
            return result;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                OrchestratorOf(kind), new DrillStart(record.DrillId, kind), new StartOrchestrationOptions(record.DrillId), ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await recorder.CompleteAsync(record.DrillId, [], new Dictionary<string, string>(), null, null, $"Its orchestration could not be started: {exception.Message}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return result;
    }

    private static async Task<bool> IsRunningAsync(DurableTaskClient client, string drillId, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(drillId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        return instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
    }
}

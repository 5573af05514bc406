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
        DrillKind.Failover => "FailoverDrillOrchestrator",
        DrillKind.NativeBackup => nameof(NativeBackupDrillOrchestrator),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public async Task<DrillStartResult> StartAsync(DrillKind kind, string startedBy, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await gate.EnterAsync(kind, startedBy, (drillId, token) => IsRunningAsync(client, drillId, token), ct).ConfigureAwait(false);
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

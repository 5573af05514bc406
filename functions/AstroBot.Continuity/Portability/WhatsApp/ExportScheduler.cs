using AstroBot.Continuity.Portability.Links;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// Starts the <see cref="ExportOrchestrator"/> for one export request, with the host's own Durable Task client
/// (the Functions app's <c>[DurableClient]</c>, the local host's in-memory one). The instance id is per user and
/// export, and an instance that exists is never scheduled again (the in-memory engine corrupts a running instance
/// scheduled twice, and Azure Storage would restart a completed one); only an export requested again after a
/// failure replaces its old, finished instance.
/// </summary>
public sealed class ExportScheduler(ExportRecords records, ILogger<ExportScheduler> logger)
{
    /// <summary>Schedules the request in <paramref name="queueMessageText"/> unless it is a duplicate.</summary>
    /// <returns>True when an orchestration was scheduled.</returns>
    /// <exception cref="InvalidDataException">Not an export request: it will end in the poison queue.</exception>
    public async Task<bool> ScheduleAsync(string queueMessageText, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = ExportRequest.FromQueueText(queueMessageText);
        var instanceId = request.InstanceId;
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            var record = await records.GetAsync(request.WaId, request.ExportId, ct).ConfigureAwait(false);
            var finished = existing.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
            if (!finished || record is not { State: ExportState.Requested })
            {
                LogMessages.ExportDuplicateSkipped(logger, request.ExportId, existing.RuntimeStatus);
                return false;
            }

            // Requested again after it failed: the old run's history makes way for the new one.
            await client.PurgeInstanceAsync(instanceId, cancellation: ct).ConfigureAwait(false);
            LogMessages.ExportRestarted(logger, request.ExportId);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ExportOrchestrator), request, new StartOrchestrationOptions(instanceId), ct)
            .ConfigureAwait(false);
        LogMessages.ExportScheduled(logger, request.ExportId);
        return true;
    }
}
